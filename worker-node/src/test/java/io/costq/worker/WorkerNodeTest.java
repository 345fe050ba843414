package io.costq.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.JobState;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The worker-node application pulls and runs jobs from a real redis-server, and reports itself. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "quarkus-worker"),
        // the machine's CPU is shared with the build; the node judges by its own tasks here
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED")})
class WorkerNodeTest {

    @Test
    void runsSubmittedJobsAndPublishesItsState() throws Exception {
        CostqSettings settings = CostqSettings.defaults(RedisTestResource.prefix());
        try (CostqClient client = new CostqClient(TestRedis.client(), settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            var id = client.submit(SubmitRequest.of("w-user", "cpu", new ObjectMapper().readTree("{\"ms\": 30}"))).id();
            JobView done = client.awaitTerminal(id, 10_000).orElseThrow();
            assertThat(done.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.node()).isEqualTo("quarkus-worker");
            assertThat(client.nodes()).extracting(n -> n.id()).contains("quarkus-worker");
        }
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("pull-loop")).body("checks.name", hasItem("redis"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("costq_jobs_finished_total").contains("costq_wait_seconds");
    }
}
