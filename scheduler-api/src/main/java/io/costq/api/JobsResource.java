package io.costq.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.api.metrics.SubmittedType;
import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobPage;
import io.costq.core.job.JobView;
import io.costq.core.store.AckJob;
import io.costq.core.store.CancelJob;
import io.costq.core.store.RetryJob;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/jobs")
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class JobsResource {
    @Inject
    CostqClient client;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    SubmittedType submittedType;
    @Inject
    io.costq.core.client.Schedules schedules;
    @Inject
    JobActions actions;
    @Inject
    TenantLimits tenants;

    @ConfigProperty(name = "costq.jobs.max-wait-ms", defaultValue = "60000")
    long maxWaitMs;

    /**
     * Runs on the event loop: the submit joins the next pipelined batch ({@link CostqClient#submitAsync}), so no
     * thread blocks on Redis. Only a submit with {@code waitMs} moves to a worker thread, after it is stored.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(operationId = "submitJob", summary = "Submit a job",
            description = "Classifies the job by its user's history (its tenant's user) and queues it in its cost class. With waitMs, "
                    + "answers 200 with the finished job if it ends within that time, else 202. The job belongs to the key's tenant; "
                    + "over the tenant's cap on queued jobs, 429 with Retry-After and nothing stored.",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "Finished within waitMs: the finished job",
            headers = @Header(name = "Location", ref = "Location"),
            content = @Content(schema = @Schema(implementation = JobJson.class)))
    @APIResponse(responseCode = "202", description = "Stored and queued (or still running when waitMs ran out)",
            headers = @Header(name = "Location", ref = "Location"),
            content = @Content(schema = @Schema(implementation = AcceptedJson.class)))
    @APIResponse(responseCode = "429", ref = "TenantOverCap")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SubmitBody.class)))
    public Uni<Response> submit(String raw,
                                @Parameter(description = "Wait up to this many ms for the job to finish (at most "
                                        + "costq.jobs.max-wait-ms, 60000 by default); absent or 0: do not wait")
                                @QueryParam("waitMs") @Min(0) Long waitMs)
            throws JsonProcessingException {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        // parsed here rather than by the framework, so malformed JSON gets the same {"error","field"} answer
        SubmitBody body = raw == null || raw.isBlank() ? null : json.readValue(raw, SubmitBody.class);
        if (body == null) throw new InvalidInputException("body", "a JSON object with user and type is required");
        if (waitMs != null && (waitMs < 0 || waitMs > maxWaitMs)) {
            throw new InvalidInputException("waitMs", "waitMs must be in 0.." + maxWaitMs);
        }
        boolean wait = waitMs != null && waitMs > 0;
        submittedType.set(body.type()); // for the submit counter (ApiMeters), which counts only 2xx answers
        var request = body.toRequest();
        Uni<Submitted> stored = Uni.createFrom().completionStage(client.submitAsync(tenants.submitter(caller), request, wait));
        if (!wait) return stored.map(s -> accepted(s, client.isDelayed(request) ? "SCHEDULED" : "QUEUED"));
        String scope = caller.scope(); // read here: the wait runs on a worker thread
        return stored.emitOn(Infrastructure.getDefaultWorkerPool()).map(s -> awaitAnswer(s, waitMs, scope));
    }

    private Response awaitAnswer(Submitted s, long waitMs, String scope) {
        Optional<JobView> job;
        try {
            job = client.awaitTerminal(s.id(), waitMs, scope);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job " + s.id(), e);
        }
        if (job.isPresent() && job.get().status().isTerminal()) {
            return Response.ok(JobJson.of(job.get())).location(location(s)).build();
        }
        return accepted(s, job.map(j -> j.status().name()).orElse("QUEUED"));
    }

    private static Response accepted(Submitted s, String status) {
        return Response.accepted(new AcceptedJson(s.id(), status, s.costClass(), s.estimateMs(), s.duplicate()))
                .location(location(s)).build();
    }

    private static URI location(Submitted s) {
        return URI.create("/v1/jobs/" + s.id());
    }

    @GET
    @Operation(operationId = "searchJobs", summary = "Find jobs: filtered, newest first, a page at a time",
            description = "Across all partitions, by each partition's time index (queued-at). A page looks at no more than "
                    + "2,000 jobs, so a sparse filter may answer a short or empty page with a next cursor; pages neither "
                    + "repeat nor skip jobs while others are submitted. With schedule=, the jobs of that recurring schedule "
                    + "from its bounded index (costq.schedules.jobs-kept), newest tick first, in one page (next is null). "
                    + "Submitters see only their tenant's jobs.",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "A page of matching jobs",
            content = @Content(schema = @Schema(implementation = JobListJson.class)))
    public JobListJson search(@BeanParam JobQuery query,
                              @Parameter(description = "Jobs per page") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                              @Parameter(description = "The next of the previous page; absent: the newest jobs")
                              @QueryParam("cursor") String cursor,
                              @Parameter(description = "Only the jobs of this recurring schedule", example = "nightly-report")
                              @QueryParam("schedule") String schedule) {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        if (schedule != null && !schedule.isBlank()) {
            io.costq.core.job.JobFilter filter = query.filter(caller);
            return new JobListJson(schedules.jobs(schedule.trim(), limit).stream().filter(filter::matches)
                    .map(JobJson::of).toList(), null);
        }
        JobPage page = client.search(query.filter(caller), cursor, limit);
        return new JobListJson(page.jobs().stream().map(JobJson::of).toList(), page.next());
    }

    @POST
    @Path("{id}/ack")
    @Operation(operationId = "ackJob", summary = "Acknowledge delivery of a job submitted with awaitAck (the platform's webhook)",
            description = "Any API instance may receive it. The key's next job is released. Late, duplicate or early acks are harmless. "
                    + "A submitter acks only its tenant's jobs, a WORKER key (a webhook) only those of the tenants it serves "
                    + "(costq.auth.keys.<name>.tenants); another tenant's job is 404, as an unknown one.",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    @APIResponse(responseCode = "200", description = "The ack was taken (or was a harmless duplicate)",
            content = @Content(schema = @Schema(implementation = AckJson.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "The job does not await an ack (or failed)")
    public Response ack(@PathParam("id") String id) {
        // any valid key: webhook servers hold their own; the script answers NOT_FOUND outside the caller's tenants
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        AckJob.Outcome outcome = client.ack(id, caller.scope());
        return switch (outcome) {
            case ACKED, RECORDED_EARLY, DUPLICATE -> Response.ok(new AckJson(id, outcome.name())).build();
            case NOT_AWAITING -> Response.status(409).entity(new ErrorJson("job " + id + " does not await an ack", "id")).build();
            case NOT_FOUND -> notFound(id);
        };
    }

    /** The one answer for a job that does not exist or is another tenant's: the same status, body and headers. */
    static Response notFound(String id) {
        return Response.status(404).entity(new ErrorJson("no job " + id, "id")).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getJob", summary = "Read a job: with its payload and every attempt",
            description = "Submitters read only their tenant's jobs (another tenant's is 404, as an unknown one).",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobJson.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") String id) {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        return client.get(id).filter(j -> caller.sees(j.tenant())).map(j -> Response.ok(JobJson.detail(j)).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "cancelJob", summary = "Cancel a job",
            description = "A queued job is CANCELLED at once (200); a running job's node is asked to stop it (202) and it ends CANCELLED. Audited (GET /v1/jobs/actions).",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "Cancelled: the job, now CANCELLED",
            content = @Content(schema = @Schema(implementation = JobJson.class)))
    @APIResponse(responseCode = "202", description = "Cancellation requested from the running node: the job as it stands",
            content = @Content(schema = @Schema(implementation = JobJson.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "Already finished")
    public Response cancel(@PathParam("id") String id) {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        String scope = caller.scope(); // another tenant's job: NOT_FOUND from the script, as an unknown one
        CancelJob.Outcome outcome = CancelJob.Outcome.valueOf(actions.one(JobActions.Action.CANCEL, id, actions.statusOf(id, scope),
                caller.name(), scope));
        return switch (outcome) {
            case CANCELLED -> Response.ok(JobJson.of(client.get(id).orElseThrow())).build();
            case CANCEL_REQUESTED -> Response.accepted(JobJson.of(client.get(id).orElseThrow())).build();
            case ALREADY_FINISHED -> Response.status(409).entity(new ErrorJson("job " + id + " has already finished", "id")).build();
            case NOT_FOUND -> notFound(id);
        };
    }

    @POST
    @Path("{id}/retry")
    @Operation(operationId = "retryJob", summary = "Re-queue a DEAD or FAILED job with a fresh set of attempts",
            description = "Audited (GET /v1/jobs/actions).", extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Queued again: the job as read right after (a worker may already have claimed, or even ended, it)", content = @Content(schema = @Schema(implementation = JobJson.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "The job is neither DEAD nor FAILED")
    public Response retry(@PathParam("id") String id) {
        caller.require(Role.OPERATOR);
        RetryJob.Outcome outcome = RetryJob.Outcome.valueOf(actions.one(JobActions.Action.RETRY, id, actions.statusOf(id, caller.scope()),
                caller.name(), caller.scope()));
        return switch (outcome) {
            case QUEUED -> Response.ok(JobJson.of(client.get(id).orElseThrow())).build();
            case NOT_RETRYABLE -> Response.status(409).entity(new ErrorJson("job " + id + " is neither DEAD nor FAILED", "id")).build();
            case NOT_FOUND -> notFound(id);
        };
    }
}
