package io.costq.api.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.api.Docs;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP worker protocol's claim (README "Workers in other languages"); renew, complete and fail are in
 * {@link JobRunsResource}. Thin: parses and checks the body, then {@link RemoteWorkers} claims as a Java node does.
 */
@Path("/v1/workers")
@Tag(name = "workers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class WorkersResource {
    @Inject
    RemoteWorkers workers;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @POST
    @Path("{node}/claim")
    @Operation(operationId = "claimJobs", summary = "A worker claims jobs under a lease",
            description = "The server's pick policy (the one Java nodes run) decides on the worker's snapshot — its CPU, "
                    + "its running jobs' remaining time and their count — whether it takes jobs now, from which cost "
                    + "class and how many (at most max). Each claimed job is held under a lease of leaseMs with a fencing "
                    + "token. An empty list: wait a little (or until a running job ends) and claim again. Claiming "
                    + "(max 0 included) keeps the node in /v1/nodes: claim at least every second.",
            extensions = @Extension(name = Docs.ROLES, value = "WORKER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "The claimed jobs (none when the policy says wait or the queues are empty)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RunAnswers.Claimed.class)))
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ClaimBody.class)))
    public List<RunAnswers.Claimed> claim(
            @Parameter(description = "The worker node's id (1..200 characters: letters, digits, '.', '_', ':', '-'), "
                    + "stable over its life", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = "^[A-Za-z0-9._:-]+$"))
            @PathParam("node") String node, String raw) throws JsonProcessingException {
        caller.require(Role.WORKER, Role.OPERATOR);
        if (node == null || !node.matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new InvalidInputException("node", "node is 1..200 letters, digits, '.', '_', ':' or '-'");
        }
        ClaimBody.Valid claim = parse(json, raw, ClaimBody.class, "types, max and cpu").validate();
        return workers.claim(node, claim);
    }

    /** Parsed here rather than by the framework, so malformed JSON gets the same {"error","field"} answer. */
    static <T> T parse(ObjectMapper json, String raw, Class<T> type, String needs) throws JsonProcessingException {
        T body = raw == null || raw.isBlank() ? null : json.readValue(raw, type);
        if (body == null) throw new InvalidInputException("body", "a JSON object with " + needs + " is required");
        return body;
    }
}
