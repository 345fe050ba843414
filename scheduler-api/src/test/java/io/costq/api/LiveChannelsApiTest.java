package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.costq.core.CostqSettings;
import io.costq.core.DeliverySettings;
import io.costq.core.config.ConfigChange;
import io.costq.core.config.SetConfig;
import io.costq.core.store.Keys;
import io.costq.core.store.ScriptExecutor;
import io.costq.core.testing.Await;
import io.costq.core.testing.TestRedis;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery settings live: a channel's width, rate and pause set through PUT /v1/config (or the pause endpoints) are
 * stored where the claims read them, /v1/channels shows them, and /v1/nodes shows the config version each node runs
 * and the one it refused, with the reason.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.route.node-id", value = "api-live-channels"),
        @ResourceArg(name = "costq.delivery.channels.sms.max-concurrency", value = "2")})
class LiveChannelsApiTest {
    private static WorkerEngine worker;

    @BeforeAll
    static void startWorker() {
        CostqSettings s = CostqSettings.defaults(RedisTestResource.prefix()).withDelivery(
                new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 2, 0))));
        worker = RedisTestResource.startWorker("live-channels-worker", 4, s);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static io.restassured.response.ValidatableResponse put(String json) {
        return given().contentType(ContentType.JSON).body(json).put("/v1/config").then();
    }

    private static String submit(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return given().get("/v1/jobs/{id}", id).then().statusCode(200).extract().path("status");
    }

    private static Map<String, Object> sms() {
        return given().get("/v1/channels").then().statusCode(200).extract().path("find { it.name == 'sms' }");
    }

    @Test
    void aWidthAndRateSetLiveAreTheOnesStoredForTheClaimsAndShown() {
        put("{\"set\": {\"costq.delivery.channels.sms.max-concurrency\": \"4\", \"costq.delivery.channels.sms.rate-per-second\": \"20\"}}")
                .statusCode(200);
        assertThat(sms()).containsEntry("maxConcurrency", 4).containsEntry("ratePerSecond", 20.0f);
        put("{\"set\": {\"costq.delivery.channels.sms.max-concurrency\": \"0\"}}").statusCode(400)
                .body("field", equalTo("costq.delivery.channels.sms.max-concurrency")).body("error", containsString("maxConcurrency"));
        put("{\"set\": {\"costq.delivery.channels.sms.max-concurrency\": null, \"costq.delivery.channels.sms.rate-per-second\": null}}")
                .statusCode(200);
        assertThat(sms()).containsEntry("maxConcurrency", 2).containsEntry("ratePerSecond", 0.0f);
        put("{\"set\": {\"costq.delivery.ack-timeout-ms\": \"5000\"}}").statusCode(200);
        given().get("/v1/config").then().body("effective.'costq.delivery.ack-timeout-ms'", equalTo("5000"));
        put("{\"set\": {\"costq.delivery.ack-timeout-ms\": null}}").statusCode(200);
    }

    @Test
    void aPausedChannelsJobStaysQueuedWhileOthersRunAndRunsOnceResumed() {
        given().post("/v1/channels/sms/pause").then().statusCode(200).body("changes[0].key", equalTo("costq.delivery.paused-channels"));
        assertThat(sms()).containsEntry("paused", true);
        String held = submit("{\"user\": \"u-paused\", \"type\": \"noop\", \"channel\": \"sms\"}");
        String free = submit("{\"user\": \"u-paused\", \"type\": \"noop\"}");
        Await.until("the job without a channel to run", Duration.ofSeconds(10), () -> status(free).equals("SUCCEEDED"));
        Await.until("the paused channel's job to be held back", Duration.ofSeconds(10), () -> ((Number) sms().get("waiting")).intValue() == 1);
        assertThat(status(held)).isEqualTo("QUEUED");

        given().delete("/v1/channels/sms/pause").then().statusCode(200);
        assertThat(sms()).containsEntry("paused", false);
        Await.until("the resumed channel's job to run", Duration.ofSeconds(10), () -> status(held).equals("SUCCEEDED"));
        given().post("/v1/channels/pigeon/pause").then().statusCode(404).body("field", equalTo("channel"));
    }

    @Test
    void eachNodeReportsTheConfigVersionItRunsAndWhyItRefusedOne() {
        long version = put("{\"set\": {\"costq.policy.cpu-threshold\": \"0.9\"}}").statusCode(200).extract().<Number>path("version").longValue();
        Await.until("the API node to report version " + version, Duration.ofSeconds(10), () -> given().get("/v1/nodes").then()
                .extract().<List<Integer>>path("findAll { it.id == 'api-live-channels' }.config.version").contains((int) version));

        // stored past the API's checks (as an older or newer release might): a value this process cannot take
        var set = new SetConfig(new ScriptExecutor(TestRedis.client()), new Keys(RedisTestResource.prefix(), 0));
        long refused = ((SetConfig.Outcome.Applied) set.run(-1, "test", System.currentTimeMillis(),
                List.of(new ConfigChange("costq.delivery.paused-channels", "", "pigeon")))).version();
        Await.until("the API node to report refusing version " + refused, Duration.ofSeconds(10), () -> given().get("/v1/nodes").then()
                .extract().<List<Integer>>path("findAll { it.id == 'api-live-channels' }.config.rejectedVersion").contains((int) refused));
        given().get("/v1/nodes").then().body("find { it.id == 'api-live-channels' }.config.version", equalTo((int) version))
                .body("find { it.id == 'api-live-channels' }.config.rejectedReason", containsString("pigeon"));
        set.run(-1, "test", System.currentTimeMillis(), List.of(new ConfigChange("costq.delivery.paused-channels", "pigeon", null),
                new ConfigChange("costq.policy.cpu-threshold", "0.9", null)));
    }
}
