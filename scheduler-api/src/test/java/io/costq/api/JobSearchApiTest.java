package io.costq.api;

import io.costq.core.testing.Await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.costq.core.CostqSettings;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.HostAllowList;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/jobs (search) and GET /v1/jobs/{id} (payload and attempts) through real HTTP. */
@QuarkusTest
// its own app and keys (the argument differs from the other tests'), so its jobs move no other test's estimates
@WithTestResource(value = RedisTestResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "costq.route.node-id", value = "api-search"))
class JobSearchApiTest {
    private static WorkerEngine worker;

    @BeforeAll
    static void startWorker() {
        // its http type may call loopback, so an http job to a closed port fails with a retryable error
        worker = new WorkerEngine(TestRedis.client(), CostqSettings.defaults(RedisTestResource.prefix()),
                new WorkerSettings("search-worker", 4, 4, 100, 1_000, "", 1_000), JobTypes.builtIns(HostAllowList.LOOPBACK),
                () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
        worker.start();
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static boolean draining(String node) {
        return given().get("/v1/nodes").then().extract().<List<Boolean>>path("findAll { it.id == '" + node + "' }.draining").contains(true);
    }

    /** Polls a condition (the node's heartbeat, the worker's run) for up to 20 s. */
    private static void until(java.util.function.BooleanSupplier condition) {
        Await.until("the node's heartbeat or the worker's run", java.time.Duration.ofSeconds(20), condition);
    }

    private static String submit(String user, String type, String payload) {
        return given().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"type\": \"" + type + "\", \"payload\": " + payload + "}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    @Test
    void aFilterFindsExactlyItsJobsNewestFirstPageByPage() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(submit("finder", "sleep", "{\"ms\": 1}"));
            submit("finder", "noop", "null");
            submit("other", "sleep", "{\"ms\": 1}");
        }
        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            var req = given().queryParam("user", "finder").queryParam("type", "sleep").queryParam("limit", 3);
            if (cursor != null) req.queryParam("cursor", cursor);
            JsonPath page = req.get("/v1/jobs").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("jobs")).hasSizeLessThanOrEqualTo(3);
            assertThat(page.getList("jobs.payload")).containsOnlyNulls();
            found.addAll(page.getList("jobs.id"));
            cursor = page.getString("next");
        } while (cursor != null);
        java.util.Collections.reverse(mine);
        assertThat(found).containsExactlyElementsOf(mine);
    }

    @Test
    void statusAndSinceFilterAndAFutureSinceFindsNothing() {
        String id = submit("since-user", "noop", "null");
        given().queryParam("user", "since-user").queryParam("since", "2000-01-01T00:00:00Z").get("/v1/jobs").then().statusCode(200)
                .body("jobs.id", org.hamcrest.Matchers.hasItem(id));
        given().queryParam("user", "since-user").queryParam("since", "2999-01-01T00:00:00Z").get("/v1/jobs").then().statusCode(200)
                .body("jobs", hasSize(0)).body("next", nullValue());
        given().queryParam("user", "since-user").queryParam("status", "EXPIRED").get("/v1/jobs").then().statusCode(200)
                .body("jobs", hasSize(0));
    }

    @Test
    void badFilterValuesAre400NamingTheParameter() {
        given().queryParam("status", "LOST").get("/v1/jobs").then().statusCode(400).body("field", equalTo("status"));
        given().queryParam("since", "yesterday").get("/v1/jobs").then().statusCode(400).body("field", equalTo("since"));
        given().queryParam("cursor", "not-ours").get("/v1/jobs").then().statusCode(400).body("field", equalTo("cursor"));
        given().queryParam("costClass", "64").get("/v1/jobs").then().statusCode(400).body("field", equalTo("costClass"));
        given().queryParam("limit", "501").get("/v1/jobs").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void aJobsPageShowsItsPayloadAndEveryAttemptWithItsError() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"user\": \"debug\", \"type\": \"http\", \"payload\": {\"url\": \"http://localhost:1/hook\", \"body\": {\"n\": 7}}, \"maxAttempts\": 2}")
                .post("/v1/jobs?waitMs=20000").then().statusCode(200).body("status", equalTo("DEAD")).extract().path("id");
        JsonPath job = given().get("/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(job.getInt("payload.body.n")).isEqualTo(7);
        assertThat(job.getList("runs")).hasSize(2);
        assertThat(job.getList("runs.outcome")).containsExactly("FAILED", "FAILED");
        assertThat(job.getList("runs.node")).containsOnly("search-worker");
        assertThat(job.getList("runs.error", String.class)).allMatch(e -> !e.isBlank());
        assertThat(job.getList("runs.endedAt")).doesNotContainNull();
        given().get("/v1/jobs/{id}", submit("debug", "sleep", "{\"ms\": 1}")).then().statusCode(200).body("payload.ms", equalTo(1));
    }

    @Test
    void aDeadJobRetriedRunsAgainAndItsAttemptsAddUp() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"user\": \"retry\", \"type\": \"http\", \"payload\": {\"url\": \"http://localhost:1/x\"}, \"maxAttempts\": 1}")
                .post("/v1/jobs?waitMs=20000").then().statusCode(200).body("status", equalTo("DEAD")).extract().path("id");
        // queued again; the answer is the job as read right after, which a quick worker may already have run and failed again
        given().post("/v1/jobs/{id}/retry", id).then().statusCode(200).body("id", equalTo(id));
        until(() -> { // it ran again (the list holds a running attempt too)
            JsonPath job = given().get("/v1/jobs/{id}", id).then().extract().jsonPath();
            return job.getList("runs").size() == 2 && "DEAD".equals(job.getString("status"));
        });
        given().get("/v1/jobs/{id}", id).then().body("status", equalTo("DEAD")).body("runs", hasSize(2));
        given().get("/v1/jobs/actions").then().statusCode(200).body("changes.flatten().key", org.hamcrest.Matchers.hasItem("job " + id + " retry"));
    }

    @Test
    void aDrainedWorkerShowsDrainingInTheNodeList() throws Exception {
        given().post("/v1/nodes/search-worker/drain").then().statusCode(200).body("drainRequested", equalTo(true));
        until(() -> draining("search-worker"));
        given().get("/v1/nodes").then().body("find { it.id == 'search-worker' }.draining", equalTo(true));
        given().delete("/v1/nodes/search-worker/drain").then().statusCode(200).body("drainRequested", equalTo(false));
        until(() -> !draining("search-worker"));
        given().get("/v1/nodes").then().body("find { it.id == 'search-worker' }.draining", equalTo(false));
    }

    @Test
    void aSucceededJobShowsOneSucceededAttempt() {
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"ok\", \"type\": \"sleep\", \"payload\": {\"ms\": 5}}")
                .post("/v1/jobs?waitMs=20000").then().statusCode(200).extract().path("id");
        given().get("/v1/jobs/{id}", id).then().statusCode(200).body("runs", hasSize(1)).body("runs[0].outcome", equalTo("SUCCEEDED"))
                .body("runs[0].node", equalTo("search-worker")).body("runs[0].error", nullValue())
                .body("runs[0].durationMs", org.hamcrest.Matchers.greaterThanOrEqualTo(5)).body("error", nullValue())
                .body("estimateMs", org.hamcrest.Matchers.notNullValue()).body("runs[0].startedAt", containsString("T"));
    }
}
