package io.costq.api.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.api.Docs;
import io.costq.api.ErrorJson;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP worker protocol on a claimed job (README "Workers in other languages"): renew its lease, complete or fail
 * its run, each with the claim's fencing token. Thin: parses and checks the bodies, then {@link RemoteWorkers} makes
 * the store transitions a Java node makes.
 */
@Path("/v1/jobs")
@Tag(name = "workers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class JobRunsResource {
    private static final String STALE = "Stale token (the lease ran out and the job was claimed again) or the job is no "
            + "longer running: nothing changed";

    @Inject
    RemoteWorkers workers;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @POST
    @Path("{id}/renew")
    @Operation(operationId = "renewLease", summary = "A worker renews the lease of a job it holds",
            description = "Renew well within leaseMs (e.g. every third of it). A 409 means the lease is lost: stop the "
                    + "job and do not complete it.",
            extensions = @Extension(name = Docs.ROLES, value = "WORKER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "Renewed", content = @Content(schema = @Schema(implementation = RunAnswers.Renewed.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = STALE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RunBodies.Renew.class)))
    public Response renew(@PathParam("id") String id, String raw) throws JsonProcessingException {
        caller.require(Role.WORKER, Role.OPERATOR);
        long token = RunBodies.token(WorkersResource.parse(json, raw, RunBodies.Renew.class, "token").token());
        return answer(id, workers.renew(id, token));
    }

    @POST
    @Path("{id}/complete")
    @Operation(operationId = "completeJob", summary = "A worker records a successful run",
            description = "Accepted only with the job's current token. The job ends SUCCEEDED (AWAITING_ACK when it "
                    + "was submitted with awaitAck) and its run joins its user's history.",
            extensions = @Extension(name = Docs.ROLES, value = "WORKER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = RunAnswers.Ended.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = STALE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RunBodies.Complete.class)))
    public Response complete(@PathParam("id") String id, String raw) throws JsonProcessingException {
        caller.require(Role.WORKER, Role.OPERATOR);
        RunBodies.Complete body = WorkersResource.parse(json, raw, RunBodies.Complete.class, "token");
        long token = RunBodies.token(body.token());
        String result = body.result() == null ? "null" : json.writeValueAsString(body.result());
        return answer(id, workers.complete(id, token, result, RunBodies.durationMs(body.durationMs())));
    }

    @POST
    @Path("{id}/fail")
    @Operation(operationId = "failJob", summary = "A worker records a failed run",
            description = "Accepted only with the job's current token. Retryable (the default): QUEUED again after the "
                    + "backoff while attempts remain, else DEAD; not retryable: FAILED. A job whose cancellation was "
                    + "requested ends CANCELLED.",
            extensions = @Extension(name = Docs.ROLES, value = "WORKER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = RunAnswers.Ended.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = STALE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RunBodies.Fail.class)))
    public Response fail(@PathParam("id") String id, String raw) throws JsonProcessingException {
        caller.require(Role.WORKER, Role.OPERATOR);
        RunBodies.Fail body = WorkersResource.parse(json, raw, RunBodies.Fail.class, "token and error");
        long token = RunBodies.token(body.token());
        return answer(id, workers.fail(id, token, body.checkedError(), body.retryable() == null || body.retryable(),
                RunBodies.durationMs(body.durationMs())));
    }

    private static <T> Response answer(String id, RemoteWorkers.Outcome<T> o) {
        if (o.refusal() == null) return Response.ok(o.answer()).build();
        return switch (o.refusal()) {
            case NOT_FOUND -> Response.status(404).entity(new ErrorJson("no job " + id, "id")).build();
            case NOT_RUNNING -> Response.status(409).entity(new ErrorJson("job " + id + " is not running", "id")).build();
            case STALE_TOKEN -> Response.status(409).entity(new ErrorJson("job " + id + " is held under another token", "token")).build();
        };
    }
}
