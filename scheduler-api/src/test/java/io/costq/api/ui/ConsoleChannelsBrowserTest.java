package io.costq.api.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.DeliverySettings;
import io.costq.core.testing.Await;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's channel view in a real headless Chromium: Pause holds a channel's jobs back, Resume lets them run. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.route.node-id", value = "api-console-channels"),
        @ResourceArg(name = "costq.delivery.channels.push.max-concurrency", value = "3")})
class ConsoleChannelsBrowserTest {
    private static WorkerEngine worker;

    @TestHTTPResource("/ui/")
    URL console;

    @BeforeAll
    static void startWorker() {
        worker = RedisTestResource.startWorker("console-channels-worker", 4, CostqSettings.defaults(RedisTestResource.prefix())
                .withDelivery(new DeliverySettings(30_000, Map.of("push", new DeliverySettings.Channel("push", 3, 0)))));
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "no Chromium: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    }

    private static String status(String id) {
        return given().get("/v1/jobs/{id}", id).then().statusCode(200).extract().path("status");
    }

    private static void clickAndConfirm(HeadlessChromium page, String label) throws Exception {
        page.await("const b = [...document.querySelectorAll('#channels tr[data-channel=\"push\"] button')].find(b => b.textContent === '"
                + label + "'); if (!b) return false; b.click(); return true;", v -> v.asBoolean(), 10_000);
        page.await("return document.getElementById('confirm').open;", v -> v.asBoolean(), 5_000);
        page.eval("document.getElementById('confirm-yes').click(); return true;");
    }

    @Test
    void aChannelPausedFromTheConsoleHoldsItsJobsAndResumedRunsThem() throws Exception {
        try (HeadlessChromium page = new HeadlessChromium()) {
            page.open(console.toString());
            page.await("return document.querySelector('#channels tr[data-channel=\"push\"]') !== null;", v -> v.asBoolean(), 10_000);
            // the nodes table says which config version each node runs
            page.await("return document.querySelector('#nodes').textContent;", v -> v.asText().contains("v0"), 10_000);
            clickAndConfirm(page, "Pause");
            Await.until("the channel paused", Duration.ofSeconds(10),
                    () -> Boolean.TRUE.equals(given().get("/v1/channels").then().extract().path("find { it.name == 'push' }.paused")));
            String held = given().contentType(ContentType.JSON).body("{\"user\": \"console-push\", \"type\": \"noop\", \"channel\": \"push\"}")
                    .post("/v1/jobs").then().statusCode(202).extract().path("id");
            page.await("return document.querySelector('#channels tr[data-channel=\"push\"]').textContent;",
                    v -> v.asText().contains("paused"), 10_000);
            Await.until("the job held back", Duration.ofSeconds(10), () -> given().get("/v1/channels").then()
                    .extract().<Integer>path("find { it.name == 'push' }.waiting") == 1);
            assertThat(status(held)).isEqualTo("QUEUED");

            clickAndConfirm(page, "Resume");
            Await.until("the resumed channel's job to run", Duration.ofSeconds(10), () -> status(held).equals("SUCCEEDED"));
        }
    }
}
