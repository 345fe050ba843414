package io.costq.api;

/**
 * How an operation is documented, so the OpenAPI document (/q/openapi) stays the contract generated clients rely
 * on ({@code OpenApiRulesTest} fails the build otherwise):
 * <ul>
 *   <li>{@code @Operation(operationId = "verbNoun", summary = ...)} and a {@code @Tag} on the resource class;</li>
 *   <li>{@code @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR")}: the roles whose keys may call it,
 *       exactly those its {@code caller.require(...)} accepts ({@code RolesMatchTheDocumentTest} calls every
 *       operation with a key of every role);</li>
 *   <li>every 2xx it answers with its body schema, and the 4xx specific to it (404, 409, ...); the answers every
 *       /v1 operation shares (400 for parameters and bodies, 401, 403, 406, 415, 503) are added by
 *       {@link io.costq.api.contract.ContractFilter};</li>
 *   <li>numeric parameters as {@code int}/{@code long} with their bounds as {@code @Min}/{@code @Max}, enforced by
 *       {@link io.costq.api.contract.ParamConverters}.</li>
 * </ul>
 */
public final class Docs {
    /** The operation's roles, comma-separated; {@code ContractFilter} turns them into its security requirement. */
    public static final String ROLES = "x-costq-roles";

    private Docs() {
    }
}
