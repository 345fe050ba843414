package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobState;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A 202 means the job survives a kill -9 of Redis (AOF with fsync always): 1,000 submits, Redis killed and
 * restarted from its AOF mid-stream; the API answers 503 + Retry-After meanwhile; the same worker resumes without
 * a restart; every accepted job ends SUCCEEDED.
 */
@QuarkusTest
@WithTestResource(AofRedisResource.class)
class DurabilityTest {

    @Test
    void everyAcceptedJobSurvivesAKill9OfRedisAndFinishes() throws Exception {
        CostqSettings settings = CostqSettings.defaults("durable");
        RedissonClient redis = RedisConnector.connect(AofRedisResource.redis.url(), null, 8);
        WorkerEngine worker = new WorkerEngine(redis, settings, new WorkerSettings("durable-worker", 16, 2, 200, 1_000, "", 2_000),
                JobTypes.builtIns(), () -> 0, Clock.SYSTEM, WorkerListener.NONE);
        worker.start();
        List<String> accepted = new ArrayList<>();
        int unavailable = 0;
        try {
            for (int i = 0; i < 1_000; i++) {
                if (i == 300) AofRedisResource.redis.kill9();
                if (i == 303) AofRedisResource.redis.launch(); // same port and directory: reloads the AOF
                Response r = given().contentType(ContentType.JSON)
                        .body("{\"user\": \"d" + (i % 13) + "\", \"type\": \"noop\"}").post("/v1/jobs");
                if (r.statusCode() == 202) {
                    accepted.add(r.path("id"));
                } else {
                    assertThat(r.statusCode()).as("answer while Redis is away").isEqualTo(503);
                    assertThat(r.header("Retry-After")).isEqualTo("1");
                    assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at org.");
                    unavailable++;
                }
            }
            assertThat(unavailable).as("some submits met the dead Redis").isPositive();
            assertThat(accepted.size()).isEqualTo(1_000 - unavailable);

            try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM)) {
                long deadline = System.currentTimeMillis() + 60_000;
                List<String> pending = new ArrayList<>(accepted);
                while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                    pending.removeIf(id -> client.get(id).map(j -> j.status() == JobState.SUCCEEDED).orElse(false));
                    if (!pending.isEmpty()) Thread.sleep(100);
                }
                assertThat(pending).as("accepted jobs that did not finish (of " + accepted.size() + ")").isEmpty();
            }
        } finally {
            worker.close();
            redis.shutdown();
        }
    }
}
