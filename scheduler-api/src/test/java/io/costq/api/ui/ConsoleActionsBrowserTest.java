package io.costq.api.ui;

import io.costq.core.testing.Await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.costq.core.CostqSettings;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.HostAllowList;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's actions in a real headless Chromium: each click (and its confirm) really changes the state. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.route.node-id", value = "api-console-ops"))
class ConsoleActionsBrowserTest {
    private static final String NODE = "console-ops-worker";
    private static WorkerEngine worker;

    @TestHTTPResource("/ui/")
    URL console;

    @BeforeAll
    static void startWorker() {
        // its http type may call loopback: an http job to a closed port fails and, with one attempt, ends DEAD
        worker = new WorkerEngine(TestRedis.client(), CostqSettings.defaults(RedisTestResource.prefix()),
                new WorkerSettings(NODE, 4, 4, 100, 1_000, "", 1_000), JobTypes.builtIns(HostAllowList.LOOPBACK),
                () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
        worker.start();
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

    private static String submit(String user, String type) {
        return given().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"type\": \"" + type + "\", \"payload\": {\"ms\": 1}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return given().get("/v1/jobs/{id}", id).then().statusCode(200).extract().path("status");
    }

    private static void until(BooleanSupplier condition) {
        Await.until("the console's action to show through the API", java.time.Duration.ofSeconds(20), condition);
    }

    /** Clicks the first button matching the selector whose text is {@code label}, then the dialog's Confirm. */
    private static void clickAndConfirm(HeadlessChromium page, String selector, String label) throws Exception {
        page.await("const b = [...document.querySelectorAll('" + selector + " button')].find(b => b.textContent === '" + label + "');"
                + " if (!b) return false; b.click(); return true;", v -> v.asBoolean(), 10_000);
        page.await("return document.getElementById('confirm').open;", v -> v.asBoolean(), 5_000);
        page.eval("document.getElementById('confirm-yes').click(); return true;");
    }

    @Test
    void aDeadJobRetriedFromItsPageRunsAgain() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"user\": \"console-dead\", \"type\": \"http\", \"payload\": {\"url\": \"http://localhost:1/x\"}, \"maxAttempts\": 1}")
                .post("/v1/jobs?waitMs=20000").then().statusCode(200).body("status", equalTo("DEAD")).extract().path("id");
        try (HeadlessChromium page = new HeadlessChromium()) {
            page.open(console + "#job=" + id);
            page.await("return document.querySelectorAll('#job-runs tbody tr').length;", v -> v.asInt() == 1, 10_000);
            page.await("return document.getElementById('job-payload').textContent;", v -> v.asText().contains("localhost:1"), 5_000);
            page.await("return document.getElementById('job-error').textContent;", v -> !v.asText().equals("–"), 5_000);
            page.await("return document.querySelector('#dead tbody').textContent;", v -> v.asText().contains(id), 10_000);
            clickAndConfirm(page, "#job-actions", "Retry");
            until(() -> given().get("/v1/jobs/{id}", id).then().extract().<List<?>>path("runs").size() == 2 && status(id).equals("DEAD"));
            page.eval("location.hash = ''; location.hash = 'job=" + id + "'; return true;");
            page.await("return document.querySelectorAll('#job-runs tbody tr').length;", v -> v.asInt() == 2, 10_000);
        }
    }

    @Test
    void drainingANodeAndABulkCancelFromTheConsoleCancelExactlyTheMatchingJobs() throws Exception {
        try (HeadlessChromium page = new HeadlessChromium()) {
            page.open(console.toString());
            clickAndConfirm(page, "#nodes tr[data-node-id=\"" + NODE + "\"]", "Drain");
            until(() -> given().get("/v1/nodes").then().extract().<List<Boolean>>path("findAll { it.id == '" + NODE + "' }.draining").contains(true));
            List<String> matching = new ArrayList<>();
            for (int i = 0; i < 3; i++) matching.add(submit("console-bulk", "sleep"));
            List<String> others = List.of(submit("console-keep", "sleep"), submit("console-keep", "sleep"));

            page.eval("document.getElementById('find-text').value = 'console-bulk';"
                    + " document.getElementById('find-status').value = 'QUEUED';"
                    + " document.getElementById('find-form').requestSubmit(); return true;");
            page.await("return document.querySelectorAll('#found tbody tr[data-job-id]').length;", v -> v.asInt() == 3, 10_000);
            clickAndConfirm(page, "#find-form", "Cancel");
            until(() -> matching.stream().allMatch(id -> status(id).equals("CANCELLED")));
            assertThat(others).allMatch(id -> status(id).equals("QUEUED"));

            clickAndConfirm(page, "#nodes tr[data-node-id=\"" + NODE + "\"]", "Undrain");
            until(() -> others.stream().allMatch(id -> status(id).equals("SUCCEEDED")));
            assertThat(matching).allMatch(id -> status(id).equals("CANCELLED"));
        }
    }

    @Test
    void pausingAClassFromTheConsoleIsALiveConfigChange() throws Exception {
        try (HeadlessChromium page = new HeadlessChromium()) {
            page.open(console.toString());
            clickAndConfirm(page, "#queues tr[data-cost-class=\"1\"]", "Pause");
            until(() -> "1".equals(given().get("/v1/config").then().extract().path("effective.'costq.classes.paused'")));
            page.await("return document.querySelector('#queues tr[data-cost-class=\"1\"]').textContent;", v -> v.asText().contains("paused"), 10_000);
            clickAndConfirm(page, "#queues tr[data-cost-class=\"1\"]", "Resume");
            until(() -> "".equals(given().get("/v1/config").then().extract().path("effective.'costq.classes.paused'")));
        }
    }
}
