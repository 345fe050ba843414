package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators' actions through real HTTP, with no worker running (so queued jobs stay queued). */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.route.node-id", value = "api-actions"))
class JobActionsApiTest {

    private static String submit(String user, String type) {
        return given().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"type\": \"" + type + "\", \"payload\": {\"ms\": 1}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return given().get("/v1/jobs/{id}", id).then().statusCode(200).extract().path("status");
    }

    @Test
    void aBulkCancelOverAFilterCancelsExactlyTheMatchingQueuedJobs() {
        List<String> matching = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) matching.add(submit("bulk-a", "noop"));
        for (int i = 0; i < 3; i++) others.add(submit("bulk-a", "sleep"));
        for (int i = 0; i < 4; i++) others.add(submit("bulk-b", "noop"));
        given().post("/v1/jobs/bulk/cancel?user=bulk-a&type=noop&status=QUEUED").then().statusCode(200)
                .body("action", equalTo("CANCEL")).body("matched", equalTo(6)).body("outcomes.CANCELLED", equalTo(6))
                .body("filter.user", equalTo("bulk-a")).body("next", nullValue());
        assertThat(matching).allMatch(id -> status(id).equals("CANCELLED"));
        assertThat(others).allMatch(id -> status(id).equals("QUEUED"));
        given().get("/v1/jobs/actions?limit=5").then().statusCode(200)
                .body("[0].changes[0].key", containsString("user=bulk-a")).body("[0].changes[0].newValue", containsString("CANCELLED=6"));
        // nothing matches any more: a second bulk cancel finds nothing to do
        given().post("/v1/jobs/bulk/cancel?user=bulk-a&type=noop&status=QUEUED").then().statusCode(200).body("matched", equalTo(0));
    }

    @Test
    void deleteTakesOnlyFinishedJobsAndIsAudited() {
        String queued = submit("deleter", "noop");
        given().post("/v1/jobs/{id}/delete", queued).then().statusCode(409).body("field", equalTo("id"));
        given().post("/v1/jobs/{id}/retry", queued).then().statusCode(409).body("error", containsString("neither DEAD nor FAILED"));
        given().delete("/v1/jobs/{id}", queued).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().post("/v1/jobs/{id}/delete", queued).then().statusCode(200).body("outcome", equalTo("DELETED"));
        given().get("/v1/jobs/{id}", queued).then().statusCode(404);
        given().get("/v1/jobs?user=deleter").then().statusCode(200).body("jobs.size()", equalTo(0));
        given().post("/v1/jobs/{id}/delete", queued).then().statusCode(404);
        given().get("/v1/jobs/actions").then().statusCode(200).body("[0].changes[0].key", equalTo("job " + queued + " delete"))
                .body("[0].changes[0].oldValue", equalTo("CANCELLED")).body("[0].changes[0].newValue", equalTo("DELETED"))
                .body("[1].changes[0].key", equalTo("job " + queued + " cancel"))
                .body("[2].changes[0].newValue", equalTo("NOT_RETRYABLE"));
    }

    @Test
    void aBadBulkLimitOrNoFilterIs400NamingIt() {
        given().post("/v1/jobs/bulk/retry?status=DEAD&max=0").then().statusCode(400).body("field", equalTo("max"));
        given().post("/v1/jobs/bulk/delete?status=DEAD&cursor=nope").then().statusCode(400).body("field", equalTo("cursor"));
        given().post("/v1/jobs/bulk/cancel").then().statusCode(400).body("field", equalTo("status")); // no filter: not "every job"
    }

    @Test
    void pausingAClassIsALiveConfigChangeAndResumingTakesItBack() {
        given().post("/v1/queues/2/pause").then().statusCode(200).body("changes[0].key", equalTo("costq.classes.paused"))
                .body("changes[0].newValue", equalTo("2"));
        given().get("/v1/config").then().body("effective.'costq.classes.paused'", equalTo("2"));
        given().post("/v1/queues/0/pause").then().statusCode(200);
        given().get("/v1/config").then().body("effective.'costq.classes.paused'", equalTo("0,2"));
        given().delete("/v1/queues/0/pause").then().statusCode(200);
        given().delete("/v1/queues/2/pause").then().statusCode(200);
        given().get("/v1/config").then().body("effective.'costq.classes.paused'", equalTo(""));
        given().post("/v1/queues/4/pause").then().statusCode(400).body("field", equalTo("costClass"));
        given().get("/v1/config/history?limit=1").then().body("[0].changes[0].key", equalTo("costq.classes.paused"));
    }

    @Test
    void drainingAnUnknownNodeIs404() {
        given().post("/v1/nodes/{n}/drain", "no-such-node").then().statusCode(404).body("field", equalTo("node"));
    }
}
