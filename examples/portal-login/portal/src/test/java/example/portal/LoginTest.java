package example.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.costq.Costq;
import io.costq.core.CostqSettings;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /login over real HTTP: the user's dashboard comes back when a dashboard worker is up; 202 while none is. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class LoginTest {
    private Costq workerSide;

    @AfterEach
    void stopWorker() {
        if (workerSide != null) workerSide.close();
    }

    /** A dashboard worker on the same Redis (the worker app's role; here a plain-Java one in the test's JVM). */
    private void startDashboardWorker() {
        workerSide = Costq.builder().redisson(TestRedis.client()).settings(CostqSettings.defaults(RedisTestResource.prefix())).build();
        workerSide.worker().nodeId("test-dashboards").handle("dashboard", Map.class,
                (in, ctx) -> Map.of("user", in.get("user"), "widgets", List.of("inbox", "usage"))).start();
    }

    @Test
    void loginReturnsTheUsersDashboard() {
        startDashboardWorker();
        given().contentType(ContentType.JSON).body(Map.of("user", "u1")).post("/login?waitMs=10000")
                .then().statusCode(200).body("user", equalTo("u1")).body("dashboard.widgets", hasItem("usage"))
                .body("jobId", notNullValue());
    }

    @Test
    void withoutADashboardWorkerTheLoginAnswers202WithTheJob() {
        given().contentType(ContentType.JSON).body(Map.of("user", "u2")).post("/login?waitMs=0")
                .then().statusCode(202).body("status", equalTo("QUEUED")).body("jobId", notNullValue());
    }

    @Test
    void aLoginWithoutUserIs400NamingUser() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/login").then().statusCode(400).body("field", equalTo("user"));
    }
}
