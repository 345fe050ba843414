package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.costq.api.route.SteppedClock;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP worker protocol through real HTTP on a real redis-server, time stepped by hand: a worker in any language
 * claims under a lease with a fencing token, renews, completes and fails, with the guarantees of a Java node.
 */
@QuarkusTest
@TestProfile(WorkerProtocolApiTest.Profile.class)
@WithTestResource(RedisTestResource.class)
class WorkerProtocolApiTest {
    private static final long LEASE_MS = 30_000;

    /** Keys on (AuthApiTest's), a stepped clock, and one job type run by remote workers. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SteppedClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(new AuthApiTest.WithKeys().getConfigOverrides());
            c.put("costq.jobs.remote-types", "thumbnail");
            c.put("costq.lease.lease-ms", String.valueOf(LEASE_MS));
            c.put("costq.route.node-id", "api-workers-test");
            c.put("costq.worker.node-ttl-ms", "600000"); // a directory entry expires in real time, which a busy build stretches
            return c;
        }
    }

    @Inject
    SteppedClock clock;
    @Inject
    ClientProducer producer;

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    private static String submit(String body) {
        return as("portal-secret").body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String thumbnail() {
        return submit("{\"user\": \"u\", \"type\": \"thumbnail\", \"payload\": {\"src\": \"a.png\"}}");
    }

    private static List<Map<String, Object>> claim(String node, int max) {
        return as("node-secret").body("{\"types\": [\"thumbnail\"], \"max\": " + max + ", \"cpu\": 0.0, \"cores\": 64}")
                .post("/v1/workers/" + node + "/claim").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> claimOne(String node) {
        List<Map<String, Object>> jobs = claim(node, 1);
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static long token(Map<String, Object> job) {
        return ((Number) job.get("token")).longValue();
    }

    private static io.restassured.response.ValidatableResponse post(String id, String op, String body) {
        return as("node-secret").body(body).post("/v1/jobs/" + id + "/" + op).then();
    }

    private static String status(String id) {
        return as("ops-secret").get("/v1/jobs/" + id).then().statusCode(200).extract().path("status");
    }

    /** Every test starts from empty queues: what earlier tests left queued is run to its end. */
    @BeforeEach
    void drain() {
        for (List<Map<String, Object>> jobs = claim("drain", 100); !jobs.isEmpty(); jobs = claim("drain", 100)) {
            for (Map<String, Object> j : jobs) post((String) j.get("id"), "complete", "{\"token\": " + token(j) + "}").statusCode(200);
        }
    }

    @Test
    void aClaimedJobCompletedWithItsTokenEndsSucceededWithItsResult() {
        String id = thumbnail();
        Map<String, Object> job = claimOne("node-a");
        assertThat(job).containsEntry("id", id).containsEntry("type", "thumbnail").containsEntry("user", "u")
                .containsEntry("attempt", 1).containsEntry("leaseMs", (int) LEASE_MS).containsEntry("payload", Map.of("src", "a.png"));
        assertThat(token(job)).isPositive();
        as("ops-secret").get("/v1/jobs/" + id).then().body("status", equalTo("RUNNING")).body("node", equalTo("node-a"));

        clock.advance(50);
        post(id, "complete", "{\"token\": " + token(job) + ", \"result\": {\"width\": 64}, \"durationMs\": 40}").statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("SUCCEEDED"));
        as("ops-secret").get("/v1/jobs/" + id).then().body("status", equalTo("SUCCEEDED")).body("result.width", equalTo(64))
                .body("durationMs", equalTo(40));
        // the run's time as the worker measured it joins the user's history, as a Java node's does
        as("portal-secret").get("/v1/users/u/estimate?type=thumbnail").then().body("historyMs[0]", equalTo(40));
        // a second completion changes nothing
        post(id, "complete", "{\"token\": " + token(job) + ", \"result\": 1}").statusCode(409).body("field", equalTo("id"));
        as("ops-secret").get("/v1/jobs/" + id).then().body("result.width", equalTo(64));
    }

    @Test
    void aRunCompletedOverHttpJoinsTheHistoryItsCostKeyNames() {
        String id = submit("{\"user\": \"k\", \"type\": \"thumbnail\", \"costKey\": \"thumbs-big\", \"payload\": {\"src\": \"b.png\"}}");
        Map<String, Object> job = claimOne("node-k");
        assertThat(job).containsEntry("id", id);
        clock.advance(70);
        post(id, "complete", "{\"token\": " + token(job) + ", \"durationMs\": 60}").statusCode(200);
        as("portal-secret").get("/v1/users/k/estimate?type=thumbnail&costKey=thumbs-big").then().statusCode(200)
                .body("historyMs", equalTo(List.of(60)));
        as("portal-secret").get("/v1/users/k/estimate?type=thumbnail").then().statusCode(200)
                .body("historyMs", equalTo(List.of())); // not the (user, type) history
        as("ops-secret").get("/v1/jobs/" + id).then().body("costKey", equalTo("thumbs-big")).body("tenant", equalTo("acme"));
    }

    @Test
    void aClaimingWorkerIsListedAmongTheNodes() {
        as("node-secret").body("{\"types\": [\"thumbnail\"], \"max\": 0, \"cpu\": 0.25, \"cores\": 2, "
                + "\"running\": [{\"id\": \"x\", \"estimateMs\": 900, \"elapsedMs\": 100}]}")
                .post("/v1/workers/node-listed/claim").then().statusCode(200).body("size()", equalTo(0));
        as("node-secret").get("/v1/nodes").then().statusCode(200).body("id", hasItem("node-listed"))
                .body("find { it.id == 'node-listed' }.role", equalTo("worker"))
                .body("find { it.id == 'node-listed' }.runningTasks", equalTo(1))
                .body("find { it.id == 'node-listed' }.remainingMs", equalTo(List.of(800)));
    }

    @Test
    void aStaleTokenIsRefusedOnceTheLeaseRanOutAndAnotherWorkerClaimedTheJob() {
        String id = thumbnail();
        Map<String, Object> first = claimOne("node-a");
        clock.advance(LEASE_MS + 1);
        producer.reap();
        Map<String, Object> second = claimOne("node-b");
        assertThat(second).containsEntry("id", id).containsEntry("attempt", 2);
        assertThat(token(second)).isGreaterThan(token(first));

        post(id, "complete", "{\"token\": " + token(first) + ", \"result\": \"late\"}").statusCode(409).body("field", equalTo("token"));
        post(id, "renew", "{\"token\": " + token(first) + "}").statusCode(409);
        post(id, "fail", "{\"token\": " + token(first) + ", \"error\": \"late\"}").statusCode(409);
        as("ops-secret").get("/v1/jobs/" + id).then().body("status", equalTo("RUNNING")).body("node", equalTo("node-b"));

        post(id, "complete", "{\"token\": " + token(second) + ", \"result\": \"on time\"}").statusCode(200).body("status", equalTo("SUCCEEDED"));
        as("ops-secret").get("/v1/jobs/" + id).then().body("result", equalTo("on time"));
    }

    @Test
    void aRetryableFailureRunsTheJobAgainAfterItsBackoffUntilItsAttemptsAreSpent() {
        String id = submit("{\"user\": \"u\", \"type\": \"thumbnail\", \"maxAttempts\": 2}");
        Map<String, Object> first = claimOne("node-a");
        post(id, "fail", "{\"token\": " + token(first) + ", \"error\": \"disk full\", \"retryable\": true}").statusCode(200)
                .body("status", equalTo("QUEUED"));
        as("ops-secret").get("/v1/jobs/" + id).then().body("status", equalTo("QUEUED")).body("error", equalTo("disk full"));
        assertThat(claim("node-a", 1)).as("not before its backoff").isEmpty();

        clock.advance(60_000);
        Map<String, Object> second = claimOne("node-a");
        assertThat(second).containsEntry("id", id).containsEntry("attempt", 2);
        post(id, "fail", "{\"token\": " + token(second) + ", \"error\": \"disk full again\"}").statusCode(200).body("status", equalTo("DEAD"));
        assertThat(status(id)).isEqualTo("DEAD");
    }

    @Test
    void aNonRetryableFailureEndsTheJobFailed() {
        String id = thumbnail();
        Map<String, Object> job = claimOne("node-a");
        post(id, "fail", "{\"token\": " + token(job) + ", \"error\": \"not an image\", \"retryable\": false}").statusCode(200)
                .body("status", equalTo("FAILED"));
        as("ops-secret").get("/v1/jobs/" + id).then().body("status", equalTo("FAILED")).body("error", equalTo("not an image"));
    }

    @Test
    void aRenewedLeaseHoldsAndALeaseNotRenewedBringsTheJobBack() {
        String id = thumbnail();
        Map<String, Object> job = claimOne("node-a");
        clock.advance(LEASE_MS - 1_000);
        post(id, "renew", "{\"token\": " + token(job) + "}").statusCode(200).body("leaseMs", equalTo((int) LEASE_MS))
                .body("cancelRequested", equalTo(false));
        clock.advance(LEASE_MS - 1_000); // past the first lease, within the renewed one
        producer.reap();
        assertThat(status(id)).isEqualTo("RUNNING");

        clock.advance(2_000); // the renewed lease ran out: nobody renewed it
        producer.reap();
        assertThat(status(id)).isEqualTo("QUEUED");
        Map<String, Object> again = claimOne("node-b");
        assertThat(again).containsEntry("id", id).containsEntry("attempt", 2);
        post(id, "complete", "{\"token\": " + token(again) + "}").statusCode(200);
    }

    @Test
    void aCancelRequestedWhileRunningIsToldOnRenewalAndTheFailEndsItCancelled() {
        String id = thumbnail();
        Map<String, Object> job = claimOne("node-a");
        as("ops-secret").delete("/v1/jobs/" + id).then().statusCode(202);
        post(id, "renew", "{\"token\": " + token(job) + "}").statusCode(200).body("cancelRequested", equalTo(true));
        post(id, "fail", "{\"token\": " + token(job) + ", \"error\": \"cancelled\"}").statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void badBodiesAre400NamingTheFieldAndChangeNothing() {
        String id = thumbnail();
        Map<String, String> claims = Map.of(
                "{}", "types",
                "{\"types\": [], \"max\": 1, \"cpu\": 0}", "types",
                "{\"types\": [\"\"], \"max\": 1, \"cpu\": 0}", "types[0]",
                "{\"types\": [\"thumbnail\"], \"cpu\": 0}", "max",
                "{\"types\": [\"thumbnail\"], \"max\": 101, \"cpu\": 0}", "max",
                "{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 1.5}", "cpu",
                "{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 0, \"cores\": 0}", "cores",
                "{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 0, \"running\": [{\"estimateMs\": -1, \"elapsedMs\": 0}]}", "running[0].estimateMs",
                "{\"types\": [\"thumbnail\"], \"max\": \"many\", \"cpu\": 0}", "max",
                "{\"types\": ", "body");
        claims.forEach((body, field) -> as("node-secret").body(body).post("/v1/workers/node-a/claim").then()
                .statusCode(400).body("field", equalTo(field)));
        as("node-secret").body("{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 0}").post("/v1/workers/no*de/claim").then()
                .statusCode(400).body("field", equalTo("node"));
        assertThat(status(id)).isEqualTo("QUEUED");

        Map<String, Object> job = claimOne("node-a");
        post(id, "renew", "{}").statusCode(400).body("field", equalTo("token"));
        post(id, "complete", "{\"token\": \"abc\"}").statusCode(400).body("field", equalTo("token"));
        post(id, "fail", "{\"token\": " + token(job) + "}").statusCode(400).body("field", equalTo("error"));
        post(id, "complete", "{\"token\": " + token(job) + ", \"durationMs\": -1}").statusCode(400).body("field", equalTo("durationMs"));
        post(id, "fail", "").statusCode(400).body("field", equalTo("body"));
        assertThat(status(id)).isEqualTo("RUNNING");
        post(Probe.UNKNOWN, "complete", "{\"token\": 1}").statusCode(404).body("field", equalTo("id"));
        post(id, "complete", "{\"token\": " + token(job) + "}").statusCode(200);
    }

    @Test
    void aSubmitterKeyMayNeitherClaimNorEndARun() {
        String id = thumbnail();
        String claim = "{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 0}";
        given().header("Authorization", "Bearer portal-secret").contentType(ContentType.JSON).body(claim)
                .post("/v1/workers/node-a/claim").then().statusCode(403).body("field", equalTo("Authorization"));
        for (String op : List.of("renew", "complete", "fail")) {
            given().header("Authorization", "Bearer portal-secret").contentType(ContentType.JSON).body("{\"token\": 1, \"error\": \"x\"}")
                    .post("/v1/jobs/" + id + "/" + op).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(claim).post("/v1/workers/node-a/claim").then().statusCode(401);
        assertThat(status(id)).isEqualTo("QUEUED");
        // operators do everything (and are every caller when keys are off, as under ./costq up)
        List<Map<String, Object>> jobs = as("ops-secret").body(claim).post("/v1/workers/node-ops/claim").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(jobs).extracting(j -> j.get("id")).containsExactly(id);
        as("ops-secret").body("{\"token\": " + token(jobs.get(0)) + "}").post("/v1/jobs/" + id + "/complete").then().statusCode(200);
    }

    /** An id that is valid but names no job. */
    private static final class Probe {
        static final String UNKNOWN = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    }
}
