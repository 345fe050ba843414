package io.costq.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.JobState;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.quarkus.testing.DashboardMetrics;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every costq series the Grafana dashboards query that is not the API's is exported by a running worker node once
 * it has run some jobs.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "quarkus-worker"),
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED")})
class DashboardMetricsWorkerTest {

    @Test
    void workerExportsEverySeriesTheDashboardsQueryFromIt() throws Exception {
        CostqSettings settings = CostqSettings.defaults(RedisTestResource.prefix());
        try (CostqClient client = new CostqClient(TestRedis.client(), settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            for (String type : List.of("noop", "sleep", "cpu")) {
                var id = client.submit(SubmitRequest.of("dash", type, new ObjectMapper().readTree("{\"ms\": 5}"))).id();
                assertThat(client.awaitTerminal(id, 10_000).orElseThrow().status()).isEqualTo(JobState.SUCCEEDED);
            }
        }
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Path root = DashboardMetrics.repoRoot();
        Map<String, List<String>> referenced = DashboardMetrics.referenced(DashboardMetrics.dashboards(root));
        var apiOwned = DashboardMetrics.ownedBy(DashboardMetrics.apiDeclared(root));
        assertThat(referenced).as("the dashboards query worker series").containsKeys("costq_wait_seconds_bucket", "costq_estimate_ratio_bucket");
        assertThat(DashboardMetrics.missing(referenced, DashboardMetrics.exported(scrape), apiOwned.negate()))
                .as("dashboard queries naming worker series this node does not export").isEmpty();
        assertThat(scrape).contains("costq_worker_running_tasks{node=\"quarkus-worker\"}");
    }
}
