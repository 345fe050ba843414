package io.costq.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.costq.client.ApiClient;
import io.costq.client.ApiException;
import io.costq.client.ApiResponse;
import io.costq.client.api.JobsApi;
import io.costq.client.api.RouteApi;
import io.costq.client.api.ServersApi;
import io.costq.client.model.Error;
import io.costq.client.model.Job;
import io.costq.client.model.JobState;
import io.costq.client.model.RenewSession;
import io.costq.client.model.Renewed;
import io.costq.client.model.Route;
import io.costq.client.model.SubmitJob;
import io.costq.core.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client openapi-generator makes from the stored document ({@code -g java --library native}, this module's
 * main code, so it compiled) used as a team would, against the packaged API and a worker.
 */
@ExtendWith(RunningCostq.class)
class GeneratedJavaClientTest {
    private static final String UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    private final String user = "java-" + ProcessHandle.current().pid();

    private static ApiClient client(CostqProcesses costq, String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(costq.baseUri());
        if (key != null) client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + key));
        return client;
    }

    private static JobsApi jobs(CostqProcesses costq, String key) {
        return new JobsApi(client(costq, key));
    }

    /** The one error body, read from a refusal with the generated client's own mapper. */
    private static Error error(ApiException e) throws Exception {
        return ApiClient.createDefaultObjectMapper().readValue(e.getResponseBody(), Error.class);
    }

    @Test
    void aSubmitWithWaitMsAnswersTheFinishedJobTypedWithItsResult(CostqProcesses costq) throws Exception {
        JobsApi api = jobs(costq, CostqProcesses.KEY);
        ApiResponse<Job> answer = api.submitJobWithHttpInfo(new SubmitJob().user(user).type("sleep").payload(Map.of("ms", 20)), 20_000L);
        Job job = answer.getData();
        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(URI.create(answer.getHeaders().get("location").get(0)).getPath()).isEqualTo("/v1/jobs/" + job.getId());
        assertThat(job.getStatus()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.getResult()).isEqualTo(Map.of("sleptMs", 20));
        assertThat(job.getStartedAt()).isNotNull().isBeforeOrEqualTo(job.getFinishedAt());
        assertThat(job.getAck()).isNull();

        Job read = api.getJob(job.getId());
        assertThat(read.getStatus()).isEqualTo(JobState.SUCCEEDED);
        assertThat(read.getUser()).isEqualTo(user);
        assertThat(read.getDurationMs()).isNotNull();
        assertThat(read.getQueuedAt()).isEqualTo(job.getQueuedAt());
    }

    @Test
    void aJobIsCancelledAndEndsCancelled(CostqProcesses costq) throws Exception {
        JobsApi api = jobs(costq, CostqProcesses.KEY);
        ApiResponse<Job> submitted = api.submitJobWithHttpInfo(new SubmitJob().user(user).type("sleep").payload(Map.of("ms", 60_000)), null);
        assertThat(submitted.getStatusCode()).isEqualTo(202); // its body is an AcceptedJob: id, status, costClass, estimateMs
        String id = submitted.getData().getId();
        assertThat(URI.create(submitted.getHeaders().get("location").get(0)).getPath()).isEqualTo("/v1/jobs/" + id);

        ApiResponse<Job> cancelled = api.cancelJobWithHttpInfo(id);
        assertThat(cancelled.getStatusCode()).isIn(200, 202); // 202: it was running, its node stops it
        Await.until("its node stops it: CANCELLED", Duration.ofSeconds(20), () -> statusOf(api, id) == JobState.CANCELLED);
        ApiException again = catchThrowableOfType(ApiException.class, () -> api.cancelJob(id));
        assertThat(again.getCode()).isEqualTo(409);
        assertThat(error(again).getField()).isEqualTo("id");
    }

    @Test
    void aBadPayloadIs400DeserializedIntoTheErrorType(CostqProcesses costq) throws Exception {
        JobsApi api = jobs(costq, CostqProcesses.KEY);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> api.submitJob(new SubmitJob().user(user).type("sleep").payload(Map.of("ms", -1)), null));
        assertThat(e.getCode()).isEqualTo(400);
        Error error = error(e);
        assertThat(error.getField()).isEqualTo("payload.ms");
        assertThat(error.getError()).isNotBlank();
    }

    @Test
    void aBadWaitMsIs400NamingIt(CostqProcesses costq) throws Exception {
        JobsApi api = jobs(costq, CostqProcesses.KEY);
        ApiException e = catchThrowableOfType(ApiException.class, () -> api.submitJob(new SubmitJob().user(user).type("noop"), -1L));
        assertThat(e.getCode()).isEqualTo(400);
        assertThat(error(e).getField()).isEqualTo("waitMs");
    }

    @Test
    void anUnknownJobIs404AndNoKeyIs401BothTheErrorType(CostqProcesses costq) throws Exception {
        JobsApi api = jobs(costq, CostqProcesses.KEY);
        ApiException unknown = catchThrowableOfType(ApiException.class, () -> api.getJob(UNKNOWN_ID));
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(error(unknown).getField()).isEqualTo("id");

        JobsApi anonymous = jobs(costq, null);
        ApiException noKey = catchThrowableOfType(ApiException.class, () -> anonymous.getJob(UNKNOWN_ID));
        assertThat(noKey.getCode()).isEqualTo(401);
        assertThat(error(noKey).getField()).isEqualTo("Authorization");
    }

    @Test
    void aClientIsRoutedToAnApiInstanceAndItsSessionRenewedAndReleased(CostqProcesses costq) throws Exception {
        RouteApi routes = new RouteApi(client(costq, CostqProcesses.KEY));
        String client = "java-client-" + ProcessHandle.current().pid();
        // the API instance joins pool api on its first heartbeat: until then the route answers 404
        Route route = Await.value("pool api has a server", Duration.ofSeconds(5), () -> {
            try {
                return Optional.of(routes.routeClient(client, "api"));
            } catch (ApiException e) {
                assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(404);
                return Optional.empty();
            }
        });
        assertThat(route.getPool()).isEqualTo("api");
        assertThat(route.getUri()).as("the API instance itself, pool api's one server").isEqualTo(costq.baseUri());
        assertThat(route.getSession()).startsWith("api~");
        assertThat(route.getLeaseMs()).isPositive();

        Renewed renewed = routes.renewSession(route.getSession(), new RenewSession().server(route.getServer()).client(client));
        assertThat(renewed.getServer()).isEqualTo(route.getServer());
        assertThat(renewed.getRestored()).isFalse();
        assertThat(renewed.getServerLive()).isTrue();

        routes.releaseSession(route.getSession());
        ApiException gone = catchThrowableOfType(ApiException.class, () -> routes.releaseSession(route.getSession()));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(error(gone).getField()).isEqualTo("session");

        ApiException forbidden = catchThrowableOfType(ApiException.class, () -> new ServersApi(client(costq, CostqProcesses.KEY)).readPool("api"));
        assertThat(forbidden.getCode()).as("a SUBMITTER key may route, not read the servers").isEqualTo(403);
        assertThat(error(forbidden).getField()).isEqualTo("Authorization");
    }

    /** The job's status as the API shows it (a transient failure to read answers null: asked again). */
    private static JobState statusOf(JobsApi api, String id) {
        try {
            return api.getJob(id).getStatus();
        } catch (ApiException e) {
            return null;
        }
    }
}
