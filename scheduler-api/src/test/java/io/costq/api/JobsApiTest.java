package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerEngine;
import io.costq.model.ClassifierSettings;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP contract, through real HTTP, against a real redis-server and a real worker engine. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.classes.bounds-ms", value = "500,1000,2000"))
class JobsApiTest {
    private static WorkerEngine worker;

    @BeforeAll
    static void startWorker() {
        CostqSettings settings = new CostqSettings(RedisTestResource.prefix(), CostqSettings.defaults("x").estimator(),
                new ClassifierSettings(4, ClassifierSettings.Mode.FIXED, List.of(500L, 1000L, 2000L), 100),
                CostqSettings.defaults("x").policy(), CostqSettings.JobLimits.DEFAULT, CostqSettings.LeaseSettings.DEFAULT,
                CostqSettings.RetrySettings.DEFAULT);
        worker = RedisTestResource.startWorker("api-test-worker", 8, settings);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void submitAndWaitReturnsTheFinishedJobWithItsResult() {
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"u1\", \"type\": \"sleep\", \"payload\": {\"ms\": 50}}")
                .when().post("/v1/jobs?waitMs=5000")
                .then().statusCode(200)
                .header("Location", containsString("/v1/jobs/"))
                .body("status", equalTo("SUCCEEDED"))
                .body("result.sleptMs", equalTo(50))
                .body("node", equalTo("api-test-worker"))
                .body("attempts", equalTo(1))
                .body("durationMs", notNullValue())
                .extract().path("id");
        given().when().get("/v1/jobs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("user", equalTo("u1")).body("type", equalTo("sleep"))
                .body("status", equalTo("SUCCEEDED")).body("queuedAt", notNullValue()).body("finishedAt", notNullValue())
                .body("tenant", equalTo("default")).body("costKey", nullValue());
    }

    @Test
    void submitWithoutWaitAnswers202Queued() {
        // the submit's estimate is the one the estimate endpoint shows for u2's noop jobs. That figure can move while
        // other tests run (a cold start follows the recent estimates, re-read every few seconds; a finished run joins
        // the history), so it must be the one read just before the submit or, if it moved in between, just after
        int before = shownEstimate("u2");
        int estimate = given().contentType(ContentType.JSON).body("{\"user\": \"u2\", \"type\": \"noop\"}")
                .when().post("/v1/jobs")
                .then().statusCode(202).body("status", equalTo("QUEUED")).body("id", notNullValue())
                .body("costClass", notNullValue()).extract().path("estimateMs");
        int after = shownEstimate("u2");
        org.assertj.core.api.Assertions.assertThat(estimate).isIn(before, after);
    }

    private static int shownEstimate(String user) {
        return given().get("/v1/users/" + user + "/estimate?type=noop").then().statusCode(200).extract().path("estimateMs");
    }

    @Test
    void concurrentSubmitsEachGetTheirOwnJobAndAnInvalidOneOnlyItsOwn400() throws Exception {
        // POSTs from many threads at once share pipelined batches in the API; every answer must still be its own
        String run = Long.toString(System.nanoTime(), 36);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String[]>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String user = "c" + run + "-" + i;
                String type = i == 60 ? "no-such-type" : "noop";
                answers.add(pool.submit(() -> {
                    var r = given().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"type\": \"" + type + "\"}")
                            .when().post("/v1/jobs").then().extract();
                    return new String[] {user, String.valueOf(r.statusCode()), r.path("id"), r.header("Location"), r.path("field")};
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                String[] a = answers.get(i).get();
                if (i == 60) {
                    assertThat(a[1]).isEqualTo("400");
                    assertThat(a[4]).isEqualTo("type");
                    continue;
                }
                assertThat(a[1]).isEqualTo("202");
                assertThat(a[3]).endsWith("/v1/jobs/" + a[2]);
                given().when().get("/v1/jobs/" + a[2]).then().statusCode(200).body("user", equalTo(a[0]));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void estimatesLearnFromRunsAndFollowTheWeightedFormula() {
        for (int i = 0; i < 3; i++) {
            runAndWait("fast-user", 100);
            runAndWait("slow-user", 900);
        }
        List<Integer> fast = given().get("/v1/users/fast-user/estimate?type=sleep").then().statusCode(200).extract().path("historyMs");
        List<Integer> slow = given().get("/v1/users/slow-user/estimate?type=sleep").then().statusCode(200).extract().path("historyMs");
        assertThat(fast).hasSize(3);
        assertThat(slow).hasSize(3);
        // newest first with weights 10, 9, 8
        int fastEst = (int) Math.floor((10.0 * fast.get(0) + 9.0 * fast.get(1) + 8.0 * fast.get(2)) / 27);
        int slowEst = (int) Math.floor((10.0 * slow.get(0) + 9.0 * slow.get(1) + 8.0 * slow.get(2)) / 27);
        given().get("/v1/users/fast-user/estimate?type=sleep").then().body("estimateMs", equalTo(fastEst)).body("costClass", equalTo(0));
        given().get("/v1/users/slow-user/estimate?type=sleep").then().body("estimateMs", equalTo(slowEst)).body("costClass", equalTo(1));
        // and the next submit of each of that type lands in that class
        given().contentType(ContentType.JSON).body("{\"user\": \"slow-user\", \"type\": \"sleep\", \"payload\": {\"ms\": 1}}").post("/v1/jobs")
                .then().statusCode(202).body("costClass", equalTo(1)).body("estimateMs", equalTo(slowEst));
    }

    @Test
    void readViewsAnswer() {
        given().get("/v1/queues").then().statusCode(200).body("$", hasSize(4))
                .body("[0].costClass", equalTo(0)).body("[0].upperBoundMs", equalTo(500))
                .body("[3].upperBoundMs", equalTo(null));
        worker.heartbeatOnce();
        given().get("/v1/nodes").then().statusCode(200)
                .body("find { it.id == 'api-test-worker' }.maxTasks", equalTo(8));
        given().get("/v1/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV").then().statusCode(404).body("field", equalTo("id"));
        given().get("/v1/jobs/not-an-id").then().statusCode(404);
    }

    @Test
    void platformEndpointsAnswer() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static void runAndWait(String user, int ms) {
        given().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"type\": \"sleep\", \"payload\": {\"ms\": " + ms + "}}")
                .post("/v1/jobs?waitMs=10000").then().statusCode(200).body("status", equalTo("SUCCEEDED"));
    }
}
