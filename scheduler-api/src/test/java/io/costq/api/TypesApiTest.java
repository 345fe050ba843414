package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.costq.Costq;
import io.costq.CostqWorker;
import io.costq.core.CostqSettings;
import io.costq.core.job.JobState;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API accepts a type declared in config or advertised by a live worker, and answers 400 naming {@code type}
 * otherwise; GET /v1/types shows what waits for a worker. The workers are the plain-Java SDK's, in the test's JVM.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.types.advertised-window-ms", value = "1500"))
class TypesApiTest {
    record ReportIn(int n) {
    }

    private Costq costq;

    @BeforeEach
    void connect() {
        costq = Costq.builder().redisson(TestRedis.client()).settings(CostqSettings.defaults(RedisTestResource.prefix())).build();
    }

    @AfterEach
    void close() {
        costq.close();
    }

    @Test
    void reportIsAcceptedOnlyWhileAWorkerAdvertisesIt() throws Exception {
        post("report").then().statusCode(400).body("field", equalTo("type"));

        CostqWorker reports = costq.worker().nodeId("report-worker")
                .handle("report", ReportIn.class, (in, ctx) -> Map.of("n", in.n())).start();
        LiveConfigApiTest.within(10_000, () -> post("report").statusCode() == 202);
        given().get("/v1/types").then().statusCode(200)
                .body("find { it.type == 'report' }.accepted", equalTo(true))
                .body("find { it.type == 'report' }.declared", equalTo(false))
                .body("find { it.type == 'sleep' }.declared", equalTo(true));

        reports.close();
        var waiting = costq.submit("report", "u1", new ReportIn(1));
        given().get("/v1/types").then().statusCode(200).body("find { it.type == 'report' }.queued", equalTo(1));
        // once the worker's last advertisement is older than the window, the API refuses the type
        LiveConfigApiTest.within(10_000, () -> post("report").statusCode() == 400);
        post("report").then().body("field", equalTo("type"));
        assertThat(waiting.refresh().status()).isEqualTo(JobState.QUEUED);

        costq.worker().nodeId("report-worker-2").handle("report", ReportIn.class, (in, ctx) -> Map.of("n", in.n())).start();
        assertThat(waiting.await(Duration.ofSeconds(10)).status()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aTypeNobodyHandlesAnswers400NamingType() {
        post("nobody-handles-this").then().statusCode(400).body("field", equalTo("type"));
        // declared built-ins are accepted with no worker up: their jobs wait for one
        post("noop").then().statusCode(202);
    }

    private static io.restassured.response.Response post(String type) {
        return given().contentType(ContentType.JSON).body(Map.of("user", "u1", "type", type, "payload", Map.of("n", 1)))
                .post("/v1/jobs");
    }

}
