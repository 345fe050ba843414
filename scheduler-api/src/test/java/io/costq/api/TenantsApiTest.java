package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.costq.core.CostqSettings;
import io.costq.core.testing.Await;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants (issue 17 item 6), probed with the keys of {@link AuthApiTest.WithKeys}: portal (tenant acme), other
 * (tenant other), hook (a webhook key serving acme), node (a worker key), tiny (a tenant capped at 2 queued jobs),
 * ops (operator). Another tenant's job answers exactly as one that does not exist.
 */
@QuarkusTest
@TestProfile(AuthApiTest.WithKeys.class)
@WithTestResource(RedisTestResource.class)
class TenantsApiTest {
    private static final String A = "portal-secret", B = "other-secret", HOOK = "hook-secret", OPS = "ops-secret";
    private static WorkerEngine worker;

    @BeforeAll
    static void startWorker() {
        worker = RedisTestResource.startWorker("tenants-worker", 4, CostqSettings.defaults(RedisTestResource.prefix()));
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static String submit(String key, String body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String statusOf(String id) {
        return as(OPS).get("/v1/jobs/" + id).then().extract().path("status");
    }

    private static void awaitStatus(String id, String status) {
        Await.until(id + " " + status, Duration.ofSeconds(10), () -> status.equals(statusOf(id)));
    }

    /** A valid id of this layout that no job has: another's random part. */
    private static String unknownLike(String id) {
        char c = id.charAt(20) == 'Z' ? 'Y' : 'Z';
        return id.substring(0, 20) + c + id.substring(21);
    }

    /** The call on another tenant's job answers byte for byte as on an unknown id (its id aside). */
    private static void sameAsUnknown(String what, String id, Function<String, Response> call) {
        String unknown = unknownLike(id);
        Response theirs = call.apply(id), none = call.apply(unknown);
        assertThat(theirs.statusCode()).as(what).isEqualTo(404).isEqualTo(none.statusCode());
        assertThat(theirs.asString().replace(id, "<id>")).as(what).isEqualTo(none.asString().replace(unknown, "<id>"));
        assertThat(theirs.contentType()).as(what).isEqualTo(none.contentType());
        assertThat(theirs.headers().asList().stream().map(h -> h.getName()).sorted().toList()).as(what)
                .isEqualTo(none.headers().asList().stream().map(h -> h.getName()).sorted().toList());
    }

    @Test
    void aSubmitterGets404ForAnotherTenantsJobOnEveryEndpointExactlyAsForAnUnknownOne() {
        String theirs = submit(A, "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {\"ms\": 60000}, \"delayMs\": 3600000}");
        sameAsUnknown("read", theirs, id -> as(B).get("/v1/jobs/" + id));
        sameAsUnknown("cancel", theirs, id -> as(B).delete("/v1/jobs/" + id));
        sameAsUnknown("ack", theirs, id -> as(B).post("/v1/jobs/" + id + "/ack"));
        assertThat(as(B).get("/v1/jobs?limit=500").then().statusCode(200).extract().<List<String>>path("jobs.id")).doesNotContain(theirs);
        assertThat(as(A).get("/v1/jobs?limit=500").then().statusCode(200).extract().<List<String>>path("jobs.id")).contains(theirs);
        assertThat(as(B).get("/v1/jobs?limit=500&tenant=acme").then().statusCode(200).extract().<List<String>>path("jobs.id"))
                .as("a submitter's search stays its own tenant's").doesNotContain(theirs);
        assertThat(as(OPS).get("/v1/jobs?limit=500&tenant=acme").then().extract().<List<String>>path("jobs.id")).contains(theirs);
        assertThat(as(OPS).get("/v1/jobs?limit=500&tenant=other").then().extract().<List<String>>path("jobs.id")).doesNotContain(theirs);
        as(A).get("/v1/jobs/" + theirs).then().statusCode(200).body("status", equalTo("SCHEDULED")).body("tenant", equalTo("acme"));
        as(OPS).get("/v1/jobs?limit=500&tenant=acme").then().body("jobs.find { it.id == '" + theirs + "' }.tenant", equalTo("acme"));
        as(A).delete("/v1/jobs/" + theirs).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aSubmitterCannotAckAnotherTenantsAwaitAckJobNorReleaseItsRoomsNextMessage() {
        String m1 = submit(A, "{\"user\": \"u\", \"type\": \"noop\", \"orderingKey\": \"room-1\", \"awaitAck\": true}");
        String m2 = submit(A, "{\"user\": \"u\", \"type\": \"noop\", \"orderingKey\": \"room-1\", \"awaitAck\": true}");
        awaitStatus(m1, "AWAITING_ACK");

        sameAsUnknown("ack by another tenant", m1, id -> as(B).post("/v1/jobs/" + id + "/ack"));
        as(OPS).get("/v1/jobs/" + m1).then().body("status", equalTo("AWAITING_ACK"));
        as(OPS).get("/v1/jobs/" + m2).then().body("status", equalTo("QUEUED")); // the room's next message still waits

        // the same room name in another tenant is another room: it is not held behind acme's
        String theirRoom = submit(B, "{\"user\": \"u\", \"type\": \"noop\", \"orderingKey\": \"room-1\", \"awaitAck\": true}");
        awaitStatus(theirRoom, "AWAITING_ACK");
        sameAsUnknown("a webhook acks only the tenants it serves", theirRoom, id -> as(HOOK).post("/v1/jobs/" + id + "/ack"));

        as(HOOK).post("/v1/jobs/" + m1 + "/ack").then().statusCode(200).body("outcome", equalTo("ACKED"));
        awaitStatus(m2, "AWAITING_ACK");
        as(A).post("/v1/jobs/" + m2 + "/ack").then().statusCode(200).body("outcome", equalTo("ACKED"));
        as(B).post("/v1/jobs/" + theirRoom + "/ack").then().statusCode(200).body("outcome", equalTo("ACKED"));
    }

    @Test
    void anotherTenantsUserOfTheSameNameHasItsOwnHistoryAndEstimateWhichNoOtherTenantCanReadOrMove() {
        String victimsJob = submit(B, "{\"user\": \"victim\", \"type\": \"noop\"}");
        awaitStatus(victimsJob, "SUCCEEDED");
        List<Integer> before = as(B).get("/v1/users/victim/estimate?type=noop").then().statusCode(200).extract().path("historyMs");
        assertThat(before).hasSize(1);

        for (int i = 0; i < 3; i++) awaitStatus(submit(A, "{\"user\": \"victim\", \"type\": \"noop\"}"), "SUCCEEDED");

        as(B).get("/v1/users/victim/estimate?type=noop").then().body("historyMs", equalTo(before)); // not moved by acme
        as(A).get("/v1/users/victim/estimate?type=noop").then().statusCode(200).body("historyMs.size()", equalTo(3));
        as(A).get("/v1/users/victim/estimate?type=noop&tenant=other").then().statusCode(403);
        as(OPS).get("/v1/users/victim/estimate?type=noop&tenant=other").then().statusCode(200).body("historyMs", equalTo(before));
        as(OPS).get("/v1/users/victim/estimate?type=noop").then().statusCode(200).body("historyMs.size()", equalTo(0)); // default's
    }

    @Test
    void anotherTenantsIdempotencyKeyNeitherCollidesNorAnswersTheFirstTenantsJob() {
        String body = "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {\"ms\": 1}, \"delayMs\": 3600000, \"idempotencyKey\": \"order-42\"}";
        String first = submit(A, body);
        Response again = as(A).contentType(ContentType.JSON).body(body).post("/v1/jobs");
        again.then().statusCode(202).body("id", equalTo(first)).body("duplicate", equalTo(true));

        Response theirs = as(B).contentType(ContentType.JSON).body(body).post("/v1/jobs");
        theirs.then().statusCode(202).body("id", not(equalTo(first))).body("duplicate", equalTo(false));
        as(B).get("/v1/jobs/" + theirs.path("id")).then().statusCode(200).body("status", equalTo("SCHEDULED"));
    }

    @Test
    void aWorkerKeyMayNotReadTheConfig() {
        as("node-secret").get("/v1/config").then().statusCode(403).body("field", equalTo("Authorization"));
        as(OPS).get("/v1/config").then().statusCode(200);
    }

    @Test
    void aTenantOverItsQueuedCapGets429WithRetryAfterAndNothingIsStored() {
        String later = "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {\"ms\": 1}, \"delayMs\": 3600000}";
        String first = submit("tiny-secret", later);
        submit("tiny-secret", later);
        int jobs = as("tiny-secret").get("/v1/jobs?limit=500").then().extract().path("jobs.size()");

        as("tiny-secret").contentType(ContentType.JSON).body(later).post("/v1/jobs").then().statusCode(429)
                .header("Retry-After", "7").body("field", equalTo("tenant"));
        assertThat(as("tiny-secret").get("/v1/jobs?limit=500").then().extract().<Integer>path("jobs.size()")).isEqualTo(jobs);
        submit(A, later); // other tenants are not held by tiny's cap

        as("tiny-secret").delete("/v1/jobs/" + first).then().statusCode(200); // a job leaves: room for one more
        submit("tiny-secret", later);
    }

    @Test
    void aSessionIsRenewedOrReleasedOnlyByTheKeyThatOpenedItAndClientIdsArePerKey() {
        as("node-secret").contentType(ContentType.JSON).body("{\"uri\": \"tcp://m1:2000\", \"capacity\": 10}")
                .put("/v1/servers/tenants-pool/m1").then().statusCode(200);
        String mine = as(A).get("/v1/route?pool=tenants-pool&client=c1").then().statusCode(200).extract().path("session");
        String unknown = mine.substring(0, mine.length() - 7) + (mine.charAt(mine.length() - 7) == 'a' ? 'b' : 'a') + mine.substring(mine.length() - 6);

        Response renewTheirs = as(B).contentType(ContentType.JSON).body("{}").post("/v1/sessions/" + mine + "/renew");
        Response renewNone = as(B).contentType(ContentType.JSON).body("{}").post("/v1/sessions/" + unknown + "/renew");
        assertThat(renewTheirs.statusCode()).isEqualTo(404).isEqualTo(renewNone.statusCode());
        assertThat(renewTheirs.asString().replace(mine, "<s>")).isEqualTo(renewNone.asString().replace(unknown, "<s>"));
        as(B).delete("/v1/sessions/" + mine).then().statusCode(404);
        // another key's client of the same id is another client: it is not handed acme's session
        String theirs = as(B).get("/v1/route?pool=tenants-pool&client=c1").then().statusCode(200).extract().path("session");
        assertThat(theirs).isNotEqualTo(mine);

        as(A).contentType(ContentType.JSON).body("{}").post("/v1/sessions/" + mine + "/renew").then().statusCode(200);
        as(A).delete("/v1/sessions/" + mine).then().statusCode(204);
        as("node-secret").delete("/v1/sessions/" + theirs).then().statusCode(204); // the pool's server releases on disconnect
    }
}
