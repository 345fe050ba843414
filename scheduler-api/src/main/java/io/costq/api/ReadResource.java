package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.client.ChannelView;
import io.costq.core.client.CostqClient;
import io.costq.core.client.NodeView;
import io.costq.core.client.QueueView;
import io.costq.core.client.UserEstimate;
import io.costq.core.InvalidInputException;
import io.costq.core.job.Tenants;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only views: a user's estimate, the class queues, the nodes. */
@Path("/v1")
@Tag(name = "cluster")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReadResource {
    @Inject
    CostqClient client;
    @Inject
    Caller caller;

    @GET
    @Path("users/{user}/estimate")
    @Operation(operationId = "getUserEstimate", summary = "The run history (newest first), estimate and cost class of a user's "
            + "next job of a type (or of a cost key)", description = "Histories are kept per tenant: a submitter reads its own "
            + "tenant's user; an operator may name any tenant (default: its key's tenant, default unless configured).",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "The estimate", content = @Content(schema = @Schema(implementation = UserEstimate.class)))
    @APIResponse(responseCode = "400", description = "user or costKey is blank, longer than 200 characters or has control "
            + "characters; type is missing or not a type name; tenant is not a tenant name")
    @APIResponse(responseCode = "403", description = "A submitter named a tenant other than its own")
    public UserEstimate estimate(@PathParam("user") String user,
                                 @Parameter(description = "The job type: a user's history is kept per type", required = true)
                                 @QueryParam("type") String type,
                                 @Parameter(description = "A cost key: the history jobs submitted with this costKey share")
                                 @QueryParam("costKey") String costKey,
                                 @Parameter(description = "Whose user (default: the key's tenant); a submitter "
                                         + "may name only its own", example = "acme")
                                 @QueryParam("tenant") String tenant) {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        return client.estimate(tenantOf(tenant), user, type, costKey);
    }

    /** The tenant whose user an estimate reads: a submitter's own; an operator's choice (its own tenant unless named). */
    private String tenantOf(String asked) {
        if (asked == null || asked.isBlank()) return caller.tenant();
        if (!Tenants.NAME.matcher(asked).matches()) throw new InvalidInputException("tenant", "tenant must match " + Tenants.NAME);
        if (!caller.isOperator() && !asked.equals(caller.tenant())) {
            throw new Caller.ForbiddenException("a submitter reads only its own tenant's estimates");
        }
        return asked;
    }

    @GET
    @Path("queues")
    @Operation(operationId = "listQueues", summary = "Every cost class queue: depth, age of its oldest job, upper bound of the class",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    public List<QueueView> queues() {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        return client.queues();
    }

    @GET
    @Path("channels")
    @Operation(operationId = "listChannels", summary = "Delivery channels: width, rate and pause as the claims enforce them (held in Redis, live config), permits in use, jobs held back (full or paused)",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    public List<ChannelView> channels() {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        return client.channels();
    }

    @GET
    @Path("nodes")
    @Operation(operationId = "listNodes", summary = "Live nodes (API instances and workers) as their last heartbeat described them, with the live config version each runs (and the newest it refused, why)",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR,WORKER"))
    public List<NodeView> nodes() {
        caller.require(Role.OPERATOR, Role.WORKER);
        return client.nodes();
    }
}
