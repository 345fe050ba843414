package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.costq.core.CostqSettings;
import io.costq.core.DeliverySettings;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ordered delivery over HTTP: the webhook's ack releases the room's next message; channels are visible. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.delivery.channels.sms.max-concurrency", value = "2"),
        @ResourceArg(name = "costq.delivery.channels.sms.rate-per-second", value = "50")})
class DeliveryApiTest {
    private static WorkerEngine worker;

    @BeforeAll
    static void startWorker() {
        CostqSettings s = CostqSettings.defaults(RedisTestResource.prefix()).withDelivery(
                new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 2, 50))));
        worker = RedisTestResource.startWorker("delivery-worker", 4, s);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static String submit(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static void awaitStatus(String id, String status) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (status.equals(given().get("/v1/jobs/" + id).path("status"))) return;
            Thread.sleep(25);
        }
        throw new AssertionError(id + " never reached " + status);
    }

    @Test
    void theWebhooksAckReleasesTheRoomsNextMessage() throws InterruptedException {
        String m1 = submit("{\"user\": \"u\", \"type\": \"noop\", \"orderingKey\": \"room-1\", \"awaitAck\": true, \"channel\": \"sms\"}");
        String m2 = submit("{\"user\": \"u\", \"type\": \"noop\", \"orderingKey\": \"room-1\", \"awaitAck\": true}");
        awaitStatus(m1, "AWAITING_ACK");
        given().get("/v1/jobs/" + m2).then().body("status", equalTo("QUEUED")).body("orderingKey", equalTo("room-1"));

        given().post("/v1/jobs/" + m1 + "/ack").then().statusCode(200).body("outcome", equalTo("ACKED"));
        given().get("/v1/jobs/" + m1).then().body("status", equalTo("SUCCEEDED")).body("ack", equalTo("acked"))
                .body("channel", equalTo("sms"));
        awaitStatus(m2, "AWAITING_ACK");
        given().post("/v1/jobs/" + m1 + "/ack").then().statusCode(200).body("outcome", equalTo("DUPLICATE"));
        given().post("/v1/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV/ack").then().statusCode(404);
    }

    @Test
    void anAckForAJobThatDoesNotAwaitOneIsAConflict() throws InterruptedException {
        String plain = submit("{\"user\": \"u\", \"type\": \"noop\"}");
        awaitStatus(plain, "SUCCEEDED");
        given().post("/v1/jobs/" + plain + "/ack").then().statusCode(409).body("field", equalTo("id"));
    }

    @Test
    void channelsAreListedAndUnknownOnesRejected() {
        given().get("/v1/channels").then().statusCode(200).body("[0].name", equalTo("sms"))
                .body("[0].maxConcurrency", equalTo(2)).body("[0].ratePerSecond", equalTo(50.0f));
        given().contentType(ContentType.JSON).body("{\"user\": \"u\", \"type\": \"noop\", \"channel\": \"pigeon\"}")
                .post("/v1/jobs").then().statusCode(400).body("field", equalTo("channel"));
        given().contentType(ContentType.JSON).body("{\"user\": \"u\", \"type\": \"noop\", \"ackTimeoutMs\": 5}")
                .post("/v1/jobs").then().statusCode(400).body("field", equalTo("ackTimeoutMs"));
    }
}
