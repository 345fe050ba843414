package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.config.ConfigChange;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' actions on jobs beyond cancel and retry: delete, the bulk forms over a search filter, their history. */
@Path("/v1/jobs")
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class JobActionsResource {
    @Inject
    JobActions actions;
    @Inject
    Caller caller;

    @Schema(name = "JobActionDone", description = "What an action did to one job")
    public record DoneJson(@Schema(examples = "01M85ZHKK0JD7JMHXXPXN0KNNV") String id,
                           @Schema(enumeration = {"DELETED"}) String outcome) {
    }

    @Schema(name = "BulkActionDone", description = "What a bulk action did to the jobs its filter matched")
    public record BulkJson(@Schema(enumeration = {"CANCEL", "RETRY", "DELETE"}) String action,
                           @Schema(description = "The filter as given (and, for a submitter, its tenant)", examples = "{\"status\": \"QUEUED\", \"user\": \"u1\"}")
                           Map<String, String> filter,
                           @Schema(description = "Jobs the filter matched and the action was tried on") int matched,
                           @Schema(description = "Per outcome, how many jobs: CANCELLED, CANCEL_REQUESTED, ALREADY_FINISHED (cancel); "
                                   + "QUEUED, NOT_RETRYABLE (retry); DELETED, NOT_FINISHED (delete); NOT_FOUND",
                                   examples = "{\"CANCELLED\": 37}") Map<String, Integer> outcomes,
                           @Schema(nullable = true, description = "Where to go on when max was reached (pass as cursor); null when done") String next) {
    }

    @Schema(name = "ActionHistoryEntry")
    public record HistoryJson(@Schema(description = "The API key name that acted") String who,
                              @Schema(format = "date-time") String at,
                              @Schema(description = "Per target (\"job <id> retry\", \"jobs status=QUEUED cancel\", \"node <id> draining\"): old -> new")
                              List<ConfigChange> changes) {
    }

    @POST
    @Path("{id}/delete")
    @Operation(operationId = "deleteJob", summary = "Delete a finished job now (its record, dead-list and search entries)",
            description = "Only finished jobs: cancel a queued or running one first. Audited (GET /v1/jobs/actions).",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DoneJson.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "The job has not finished (QUEUED, RUNNING or AWAITING_ACK)")
    public Response delete(@PathParam("id") String id) {
        caller.require(Role.OPERATOR);
        String before = actions.statusOf(id, caller.scope());
        if (before == null) return JobsResource.notFound(id);
        String outcome = actions.one(JobActions.Action.DELETE, id, before, caller.name(), caller.scope());
        return switch (outcome) {
            case "DELETED" -> Response.ok(new DoneJson(id, outcome)).build();
            case "NOT_FINISHED" -> Response.status(409).entity(new ErrorJson("job " + id + " has not finished: cancel it first", "id")).build();
            default -> JobsResource.notFound(id);
        };
    }

    private static final String BULK = "Walks the search (GET /v1/jobs) with the same filter and acts on each job it finds, "
            + "up to max; a job the action does not apply to is counted under its outcome and left as it is. At least one filter "
            + "parameter is required (400 otherwise). One audit entry.";

    @POST
    @Path("bulk/cancel")
    @Operation(operationId = "bulkCancelJobs", summary = "Cancel every job a search filter matches", description = BULK,
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "What was done", content = @Content(schema = @Schema(implementation = BulkJson.class)))
    public BulkJson bulkCancel(@BeanParam JobQuery query, @BeanParam BulkParams p) {
        return bulk(JobActions.Action.CANCEL, query, p);
    }

    @POST
    @Path("bulk/retry")
    @Operation(operationId = "bulkRetryJobs", summary = "Retry every DEAD or FAILED job a search filter matches", description = BULK,
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "What was done", content = @Content(schema = @Schema(implementation = BulkJson.class)))
    public BulkJson bulkRetry(@BeanParam JobQuery query, @BeanParam BulkParams p) {
        return bulk(JobActions.Action.RETRY, query, p);
    }

    @POST
    @Path("bulk/delete")
    @Operation(operationId = "bulkDeleteJobs", summary = "Delete every finished job a search filter matches", description = BULK,
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "What was done", content = @Content(schema = @Schema(implementation = BulkJson.class)))
    public BulkJson bulkDelete(@BeanParam JobQuery query, @BeanParam BulkParams p) {
        return bulk(JobActions.Action.DELETE, query, p);
    }

    /** How much one bulk call does, and where it goes on from. */
    public static class BulkParams {
        @Parameter(description = "Most jobs to act on in this call")
        @QueryParam("max")
        @DefaultValue("1000")
        @Min(1)
        @Max(10000)
        int max;

        @Parameter(description = "Go on from a previous call's next")
        @QueryParam("cursor")
        String cursor;
    }

    private BulkJson bulk(JobActions.Action a, JobQuery query, BulkParams p) {
        caller.require(Role.OPERATOR);
        JobActions.Bulk b = actions.bulk(a, query.filter(caller), p.cursor, p.max, caller.name(), caller.scope());
        return new BulkJson(b.action(), b.filter(), b.matched(), b.outcomes(), b.next());
    }

    @GET
    @Path("actions")
    @Operation(operationId = "listJobActions", summary = "Operators' actions on jobs and nodes, newest first: who, when, old -> new",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public List<HistoryJson> history(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        caller.require(Role.OPERATOR);
        return actions.history(limit).stream()
                .map(e -> new HistoryJson(e.who(), Instant.ofEpochMilli(e.atMs()).toString(), e.changes())).toList();
    }
}
