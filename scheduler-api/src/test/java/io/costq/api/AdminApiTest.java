package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Cancel, dead list and retry over HTTP (no worker runs here, so jobs stay where the test puts them). */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AdminApiTest {

    private static String submit(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    @Test
    void cancellingAQueuedJobEndsItAndASecondCancelConflicts() {
        String id = submit("{\"user\": \"c\", \"type\": \"noop\"}");
        given().delete("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/v1/jobs/" + id).then().body("status", equalTo("CANCELLED"));
        given().delete("/v1/jobs/" + id).then().statusCode(409).body("field", equalTo("id"));
        given().delete("/v1/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV").then().statusCode(404);
    }

    @Test
    void aJobThatMissedItsStartDeadlineIsShownExpired() throws InterruptedException {
        String id = submit("{\"user\": \"e\", \"type\": \"noop\", \"startWithinMs\": 1}");
        Thread.sleep(5);
        given().get("/v1/queues").then().statusCode(200); // reading the queues never claims; the job waits
        given().get("/v1/jobs/" + id).then().body("status", equalTo("QUEUED"));
        given().contentType(ContentType.JSON).body("{\"user\": \"e\", \"type\": \"noop\", \"startWithinMs\": 0}")
                .post("/v1/jobs").then().statusCode(400).body("field", equalTo("startWithinMs"));
    }

    @Test
    void retryAnswersConflictForAJobThatIsNotDeadAndDeadListValidatesItsLimit() {
        String id = submit("{\"user\": \"r\", \"type\": \"noop\"}");
        given().post("/v1/jobs/" + id + "/retry").then().statusCode(409);
        given().post("/v1/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV/retry").then().statusCode(404);
        given().get("/v1/dead").then().statusCode(200);
        given().get("/v1/dead?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1/jobs/{id}/retry")).body("paths.keySet()", hasItem("/v1/dead"));
    }
}
