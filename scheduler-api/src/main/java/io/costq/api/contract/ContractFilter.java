package io.costq.api.contract;

import io.costq.api.Docs;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes every /v1 operation with what the API does for all of them, so no resource has to repeat it and none
 * can forget it: the security requirement (both key schemes, with the operation's roles from {@link Docs#ROLES} as
 * their scopes, as OpenAPI 3.1 allows for non-OAuth schemes), 401 and 403 ({@code ApiKeyFilter}, {@code Caller}),
 * 503 + Retry-After ({@code ErrorMappers}, Redis away), 406 (JSON only), 415 when it takes a body, 400 when it
 * takes a body or typed parameters, and the {@code Error} body on every error answer that names no other.
 * Operations outside /v1 are marked open ({@code security: []}), as the key filter lets them through.
 * Runs at build time, so the document stored in {@code target/openapi} is the one served.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {
    static final List<String> SCHEMES = List.of("bearer", "apiKey");
    private static final String ERROR = "#/components/schemas/Error";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null) return;
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(op -> {
            if (path.startsWith("/v1")) {
                secure(op);
                addShared(op);
            } else {
                op.setSecurity(new ArrayList<>()); // open: the key filter checks /v1 only
            }
            errorBodies(op);
        }));
        ResponseSchemas.complete(api);
    }

    private static void secure(Operation op) {
        Object declared = op.getExtensions() == null ? null : op.getExtensions().get(Docs.ROLES);
        if (declared == null) return; // OpenApiRulesTest names the operation
        op.removeExtension(Docs.ROLES);
        List<String> roles = Arrays.stream(declared.toString().split(",")).map(String::trim).toList();
        List<SecurityRequirement> anyOf = new ArrayList<>();
        for (String scheme : SCHEMES) anyOf.add(OASFactory.createSecurityRequirement().addScheme(scheme, roles));
        op.setSecurity(anyOf);
        String line = "Roles: " + String.join(", ", roles) + ".";
        op.setDescription(op.getDescription() == null ? line : op.getDescription() + "\n\n" + line);
    }

    private static void addShared(Operation op) {
        APIResponses responses = op.getResponses();
        boolean takesBody = op.getRequestBody() != null;
        if (takesBody || typedParameters(op)) shared(responses, "400", "BadRequest");
        shared(responses, "401", "Unauthorized");
        shared(responses, "403", "Forbidden");
        shared(responses, "406", "NotAcceptable");
        if (takesBody) shared(responses, "415", "UnsupportedMediaType");
        shared(responses, "503", "ServiceUnavailable");
    }

    /** Parameters the framework converts or the resource checks: anything but an optional plain string. */
    private static boolean typedParameters(Operation op) {
        if (op.getParameters() == null) return false;
        for (Parameter p : op.getParameters()) {
            if (p.getIn() == Parameter.In.PATH) continue; // a path that names nothing is a 404
            Schema s = p.getSchema();
            boolean plainString = s != null && s.getType() != null && s.getType().contains(Schema.SchemaType.STRING)
                    && s.getEnumeration() == null && s.getMinLength() == null && s.getMaxLength() == null;
            if (!plainString || Boolean.TRUE.equals(p.getRequired())) return true;
        }
        return false;
    }

    private static void shared(APIResponses responses, String code, String name) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
        }
    }

    /** An error answer declared with only a description gets the one error body. */
    private static void errorBodies(Operation op) {
        if (op.getResponses() == null) return;
        for (Map.Entry<String, APIResponse> e : op.getResponses().getAPIResponses().entrySet()) {
            APIResponse r = e.getValue();
            if (r.getRef() != null || r.getContent() != null || e.getKey().compareTo("400") < 0) continue;
            MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR));
            Content content = OASFactory.createContent().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON, json);
            r.setContent(content);
        }
    }
}
