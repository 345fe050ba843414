package io.costq.api.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.DashboardMetrics;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every costq series the Grafana dashboards query that the API owns is exported by a running API once it has seen
 * some work. The worker's series are checked by the worker-node's own test.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.classes.bounds-ms", value = "500,1000,2000"))
class DashboardMetricsApiTest {
    private static WorkerEngine worker;

    @Inject
    ClusterGauges gauges;

    @BeforeAll
    static void startWorker() {
        worker = RedisTestResource.startWorker("dash-worker", 4, CostqSettings.defaults(RedisTestResource.prefix()));
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void apiExportsEverySeriesTheDashboardsQueryFromIt() {
        for (String type : List.of("noop", "sleep")) {
            given().contentType(ContentType.JSON).body("{\"user\": \"dash\", \"type\": \"" + type + "\", \"payload\": {\"ms\": 5}}")
                    .post("/v1/jobs?waitMs=5000").then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"user\": \"dash\", \"type\": \"" + type + "\", \"payload\": {\"ms\": 5}}")
                    .post("/v1/jobs").then().statusCode(202);
        }
        worker.heartbeatOnce();
        gauges.refresh();
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Path root = DashboardMetrics.repoRoot();
        Map<String, List<String>> referenced = DashboardMetrics.referenced(DashboardMetrics.dashboards(root));
        Set<String> declared = DashboardMetrics.apiDeclared(root);
        assertThat(referenced).as("the dashboards query API series").containsKeys("costq_queue_depth", "costq_node_cpu");
        assertThat(DashboardMetrics.missing(referenced, DashboardMetrics.exported(scrape), DashboardMetrics.ownedBy(declared)))
                .as("dashboard queries naming API series this API does not export").isEmpty();
        assertThat(scrape).contains("costq_jobs_submitted_total{class=\"0\",type=\"noop\"}")
                .contains("costq_node_running_tasks{node=\"dash-worker\",role=\"worker\"}").contains("costq_queue_depth{class=\"3\"}");
    }

    @Test
    void theCheckFailsForASeriesNobodyExports() {
        Map<String, List<String>> referenced = Map.of("costq_queue_depth", List.of("a"), "costq_queue_depth_total", List.of("b"),
                "costq_wait_seconds_bucket", List.of("c"));
        List<String> missing = DashboardMetrics.missing(referenced, Set.of("costq_queue_depth", "costq_wait_seconds_bucket"),
                DashboardMetrics.ownedBy(Set.of("costq_queue_depth")));
        assertThat(missing).containsExactly("costq_queue_depth_total (queried in [b])");
    }
}
