package io.costq.api.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator console at /ui, in a real headless Chromium, shows queues, nodes, schedules, config and a job just submitted. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.classes.bounds-ms", value = "500,1000,2000"))
class ConsoleBrowserTest {
    private static WorkerEngine worker;

    @TestHTTPResource("/ui/")
    URL console;

    @BeforeAll
    static void startWorker() {
        worker = RedisTestResource.startWorker("console-worker", 4, CostqSettings.defaults(RedisTestResource.prefix()));
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void consoleEndpointsAnswer() {
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"c1\", \"type\": \"noop\"}").post("/v1/jobs?waitMs=5000")
                .then().statusCode(200).extract().path("id");
        given().get("/v1/console/jobs?limit=5").then().statusCode(200).body("id", hasItem(id));
        given().get("/v1/console/jobs?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/v1/console/settings").then().statusCode(200).body("description", notNullValue())
                .body("values.keyPrefix", equalTo(RedisTestResource.prefix()));
        given().get("/ui/").then().statusCode(200).contentType(ContentType.HTML);
        given().redirects().follow(false).get("/ui").then().statusCode(302).header("Location", equalTo("/ui/"));
    }

    @Test
    void aSubmittedJobAppearsWithItsEstimateAndActualTime() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "no Chromium: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        given().contentType(ContentType.JSON).body("{\"user\": \"console-user\", \"type\": \"sleep\", \"payload\": {\"ms\": 120}}")
                .post("/v1/jobs?waitMs=5000").then().statusCode(200);
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"console-user\", \"type\": \"sleep\", \"payload\": {\"ms\": 150}}")
                .post("/v1/jobs?waitMs=5000").then().statusCode(200).body("status", equalTo("SUCCEEDED")).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"cron\": \"0 0 2 * * *\", \"timezone\": \"Europe/London\", "
                + "\"job\": {\"user\": \"console-user\", \"type\": \"noop\"}}").put("/v1/schedules/console-nightly").then().statusCode(201);
        worker.heartbeatOnce();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(console.toString());
            String row = "const r = document.querySelector('#jobs tr[data-job-id=\"" + id + "\"]');"
                    + " return r ? [...r.cells].map(c => c.textContent) : null;";
            var cells = chromium.await(row, v -> v.isArray() && v.get(3).asText().equals("SUCCEEDED"), 10_000);
            assertThat(cells.get(1).asText()).isEqualTo("console-user");
            assertThat(cells.get(6).asText()).as("actual run time").endsWith("ms");
            assertThat(cells.get(7).asText()).as("actual / estimate").endsWith("×");
            chromium.await("return document.querySelectorAll('#queues tbody tr').length;", v -> v.asInt() == 4, 5_000);
            chromium.await("return document.querySelector('#nodes tbody').textContent;",
                    v -> v.asText().contains("console-worker"), 5_000);
            chromium.await("return document.querySelectorAll('#config tbody tr').length;", v -> v.asInt() > 5, 5_000);
            chromium.await("return document.querySelector('#schedules tbody').textContent;",
                    v -> v.asText().contains("console-nightly") && v.asText().contains("0 0 2 * * * (Europe/London)"), 5_000);
            chromium.screenshot(Path.of("target/console.png"));
        }
        assertThat(Path.of("target/console.png")).isNotEmptyFile();
    }
}
