package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.costq.core.CostqSettings;
import io.costq.core.config.ConfigWatcher;
import io.costq.core.store.Keys;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.quarkus.LiveSettings;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUT /v1/config: validated as at start-up, versioned, audited, and in force on API and worker within 2 s. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.route.node-id", value = "api-a"),
        @ResourceArg(name = "costq.route.allowed-load.narrow", value = "0.4")})
class LiveConfigApiTest {

    private static io.restassured.response.ValidatableResponse put(String json) {
        return given().contentType(ContentType.JSON).body(json).put("/v1/config").then();
    }

    @AfterEach
    void backToStartUp() {
        put("{\"set\": {\"costq.classes.bounds-ms\": null, \"costq.policy.cpu-threshold\": null}}").statusCode(200);
    }

    @Test
    void theServicesRunTheModelsDefaultPolicyAndItsSecondLineIsALiveKey() {
        given().get("/v1/config").then().statusCode(200)
                .body("effective.'costq.policy.starvation-ms'", equalTo("32000"))
                .body("effective.'costq.policy.projected-ms'", equalTo("42000"));
        assertThat(LiveSettings.resolve(Map.of(), java.util.Set.of()).costq().policy()).isEqualTo(io.costq.model.PolicySettings.DEFAULT);
        assertThat(LiveSettings.resolve(Map.of("costq.policy.projected-ms", "50000"), java.util.Set.of()).costq().policy().projectedMs())
                .isEqualTo(50_000);
        put("{\"set\": {\"costq.policy.projected-ms\": -1}}").statusCode(400).body("field", equalTo("costq.policy.projected-ms"));
    }

    @Test
    void nonsenseIsRejectedWith400NamingTheKeyAndNothingIsStored() {
        long version = given().get("/v1/config").then().statusCode(200).extract().<Number>path("version").longValue();
        put("{\"set\": {\"costq.estimator.window\": \"-3\"}}").statusCode(400).body("field", equalTo("costq.estimator.window"))
                .body("error", containsString("window"));
        put("{\"set\": {\"costq.classes.bounds-ms\": [5000, 2000, 10000]}}").statusCode(400)
                .body("field", equalTo("costq.classes.bounds-ms")).body("error", containsString("increasing"));
        put("{\"set\": {\"costq.policy.cpu-threshold\": \"lots\"}}").statusCode(400).body("field", equalTo("costq.policy.cpu-threshold"));
        put("{\"set\": {\"costq.policy.cpu-threshold\": 0.9, \"costq.estimator.window\": \"-3\"}}").statusCode(400)
                .body("field", equalTo("costq.estimator.window")); // the bad one of two changes
        put("{\"set\": {\"costq.redis.url\": \"redis://elsewhere:6379\"}}").statusCode(400).body("field", equalTo("costq.redis.url"));
        put("{\"set\": {\"costq.route.allowed-load.worker\": 1.5}}").statusCode(400).body("field", equalTo("costq.route.allowed-load.worker"));
        put("{\"set\": {\"costq.policy.cpu-threshold\": 0.9}, \"expectedVersion\": " + (version + 7) + "}").statusCode(409)
                .body("field", equalTo("expectedVersion"));
        given().get("/v1/config").then().body("version", equalTo((int) version));
    }

    @Test
    void aChangeReclassifiesSubmitsAndReachesAWorkerWithinTwoSecondsAndIsAudited() throws Exception {
        CostqSettings start = CostqSettings.defaults(RedisTestResource.prefix());
        WorkerEngine worker = new WorkerEngine(TestRedis.client(), start, new WorkerSettings("live-worker", 2, 2, 100, 1_000, "", 500),
                JobTypes.builtIns(), () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
        // what a worker node's LiveConfig does, on a plain engine
        try (ConfigWatcher watcher = new ConfigWatcher(TestRedis.client(), new Keys(RedisTestResource.prefix(), 0), 1_000,
                s -> worker.apply(LiveSettings.resolve(s.overrides(), java.util.Set.of()).costq()))) {
            watcher.start();
            String user = "live-" + System.nanoTime(); // no history: the 2 s prior, class 1 under the default bounds
            submitClass(user, 1);
            long version = given().get("/v1/config").then().extract().<Number>path("version").longValue();

            long started = System.nanoTime();
            put("{\"set\": {\"costq.classes.bounds-ms\": \"500,1000,1500\", \"costq.policy.cpu-threshold\": 0.5}, \"expectedVersion\": "
                    + version + "}").statusCode(200).body("version", equalTo((int) version + 1))
                    .body("changes.find { it.key == 'costq.policy.cpu-threshold' }.oldValue", equalTo("0.95"))
                    .body("changes.find { it.key == 'costq.policy.cpu-threshold' }.newValue", equalTo("0.5"));
            submitClass(user, 3); // the instance that took the change applies it before answering
            within(2_000, () -> worker.settings().policy().cpuThreshold() == 0.5);
            System.out.printf("config change reached the worker in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(worker.settings().classifier().fixedUpper()).containsExactly(500L, 1000L, 1500L);

            given().get("/v1/config").then().statusCode(200).body("version", equalTo((int) version + 1))
                    .body("overrides.'costq.policy.cpu-threshold'", equalTo("0.5"))
                    .body("effective.'costq.classes.bounds-ms'", equalTo("500,1000,1500"))
                    .body("effective.'costq.route.allowed-load.narrow'", equalTo("0.4"));
            given().get("/v1/config/history?limit=1").then().statusCode(200)
                    .body("[0].version", equalTo((int) version + 1)).body("[0].who", equalTo("local"))
                    .body("[0].changes.find { it.key == 'costq.classes.bounds-ms' }.oldValue", equalTo("2000,5000,10000"))
                    .body("[0].changes.find { it.key == 'costq.classes.bounds-ms' }.newValue", equalTo("500,1000,1500"));

            put("{\"set\": {\"costq.policy.cpu-threshold\": null}}").statusCode(200); // back to the start-up value
            within(2_000, () -> worker.settings().policy().cpuThreshold() == 0.95);
        } finally {
            worker.close();
        }
    }

    private static void submitClass(String user, int expected) {
        given().contentType(ContentType.JSON).body(Map.of("user", user, "type", "noop")).post("/v1/jobs")
                .then().statusCode(202).body("costClass", equalTo(expected));
    }

    static void within(long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %d ms", ms).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
