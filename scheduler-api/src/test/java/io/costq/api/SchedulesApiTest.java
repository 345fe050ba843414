package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.costq.core.testing.Await;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Delayed jobs, lanes and recurring schedules over HTTP: the contract, and 400s naming the field. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SchedulesApiTest {
    private static final String JOB = "{\"user\": \"sched-u\", \"type\": \"noop\"}";

    private static long keysOfThisTest() {
        String pattern = "{" + RedisTestResource.prefix() + ":*";
        return StreamSupport.stream(TestRedis.client().getKeys().getKeysByPattern(pattern.replace("{", "\\{").replace("}", "\\}")).spliterator(), false).count();
    }

    @Test
    void aDelayedJobIsScheduledWithItsRunAtAndLaneAndCanBeCancelled() {
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"d1\", \"type\": \"noop\", \"delayMs\": 600000, \"lane\": \"batch\"}")
                .post("/v1/jobs").then().statusCode(202).body("status", equalTo("SCHEDULED")).extract().path("id");
        given().get("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("SCHEDULED"))
                .body("runAt", notNullValue()).body("lane", equalTo("batch")).body("schedule", nullValue());
        given().delete("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        String at = Instant.now().plusSeconds(3600).toString();
        given().contentType(ContentType.JSON).body("{\"user\": \"d1\", \"type\": \"noop\", \"runAt\": \"" + at + "\"}")
                .post("/v1/jobs").then().statusCode(202).body("status", equalTo("SCHEDULED"));
    }

    @Test
    void aShortDelayRunsThroughTheApisTimekeeper() {
        String id = given().contentType(ContentType.JSON).body("{\"user\": \"d2\", \"type\": \"noop\", \"delayMs\": 50}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        // no worker in this app: the job is promoted to QUEUED by the timekeeper once due
        long deadline = System.nanoTime() + 10_000_000_000L;
        String status = "SCHEDULED";
        while (!status.equals("QUEUED") && System.nanoTime() < deadline) status = given().get("/v1/jobs/" + id).then().extract().path("status");
        assertThat(status).isEqualTo("QUEUED");
    }

    @Test
    void aScheduleIsCreatedReadPausedResumedListedAndDeleted() {
        String body = "{\"cron\": \"0 0 2 * * *\", \"timezone\": \"Europe/London\", \"job\": " + JOB + ", \"overlap\": \"allow\", \"catchUp\": \"all\"}";
        given().contentType(ContentType.JSON).body(body).put("/v1/schedules/nightly").then().statusCode(201)
                .body("name", equalTo("nightly")).body("cron", equalTo("0 0 2 * * *")).body("overlap", equalTo("allow"))
                .body("catchUp", equalTo("all")).body("paused", equalTo(false)).body("nextFire", notNullValue())
                .body("job.user", equalTo("sched-u")).body("fired", equalTo(0));
        given().contentType(ContentType.JSON).body(body).put("/v1/schedules/nightly").then().statusCode(200);
        given().get("/v1/schedules/nightly").then().statusCode(200).body("timezone", equalTo("Europe/London"));
        given().get("/v1/schedules").then().statusCode(200).body("name", hasItem("nightly"));
        given().post("/v1/schedules/nightly/pause").then().statusCode(200).body("paused", equalTo(true)).body("nextFire", nullValue());
        given().post("/v1/schedules/nightly/resume").then().statusCode(200).body("paused", equalTo(false)).body("nextFire", notNullValue());
        given().get("/v1/jobs?schedule=nightly").then().statusCode(200).body("jobs.size()", equalTo(0));
        given().delete("/v1/schedules/nightly").then().statusCode(204);
        given().get("/v1/schedules/nightly").then().statusCode(404).body("field", equalTo("name"));
        given().delete("/v1/schedules/nightly").then().statusCode(404);
        given().post("/v1/schedules/nightly/pause").then().statusCode(404);
    }

    @Test
    void anEverySecondScheduleMakesJobsListedByScheduleAndBySearch() {
        given().contentType(ContentType.JSON).body("{\"cron\": \"* * * * * *\", \"job\": " + JOB + ", \"overlap\": \"allow\"}")
                .put("/v1/schedules/pulse").then().statusCode(201);
        try {
            Await.until("two ticks' jobs", Duration.ofSeconds(15),
                    () -> given().get("/v1/jobs?schedule=pulse&limit=10").then().statusCode(200).extract().<Integer>path("jobs.size()") >= 2);
            String newest = given().get("/v1/jobs?schedule=pulse&limit=1").then().statusCode(200).body("jobs.size()", equalTo(1))
                    .body("jobs[0].schedule", equalTo("pulse")).extract().path("jobs[0].id");
            // a fired job is a job like any other: the plain search lists it too
            given().get("/v1/jobs?user=sched-u&limit=500").then().statusCode(200).body("jobs.id", hasItem(newest));
        } finally {
            given().delete("/v1/schedules/pulse").then().statusCode(204); // no more ticks for the other tests
        }
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"cron\": \"not a cron\", \"job\": " + JOB + "}                              | cron",
            "{\"cron\": \"0 0 2 * * * * *\", \"job\": " + JOB + "}                         | cron",
            "{\"job\": " + JOB + "}                                                        | cron",
            "{\"cron\": \"0 0 2 * * *\", \"timezone\": \"Mars/Olympus\", \"job\": " + JOB + "} | timezone",
            "{\"cron\": \"0 0 2 * * *\", \"overlap\": \"sometimes\", \"job\": " + JOB + "}  | overlap",
            "{\"cron\": \"0 0 2 * * *\", \"catchUp\": \"most\", \"job\": " + JOB + "}       | catchUp",
            "{\"cron\": \"0 0 2 * * *\"}                                                   | job",
            "{\"cron\": \"0 0 2 * * *\", \"job\": {\"type\": \"noop\"}}                    | job.user",
            "{\"cron\": \"0 0 2 * * *\", \"job\": {\"user\": \"u\", \"type\": \"noop\", \"lane\": \"vip\"}}    | job.lane",
            "{\"cron\": \"0 0 2 * * *\", \"job\": {\"user\": \"u\", \"type\": \"noop\", \"delayMs\": 5}}       | job.delayMs",
            "not json                                                                      | body",
    })
    void aBadScheduleIsRejectedNamingTheFieldAndNothingIsStored(String body, String field) {
        long before = keysOfThisTest();
        given().contentType(ContentType.JSON).body(body).put("/v1/schedules/bad").then().statusCode(400)
                .body("field", equalTo(field)).body("error", notNullValue());
        assertThat(keysOfThisTest()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"user\": \"u\", \"type\": \"noop\", \"delayMs\": -1}                          | delayMs",
            "{\"user\": \"u\", \"type\": \"noop\", \"delayMs\": 99999999999999}              | delayMs",
            "{\"user\": \"u\", \"type\": \"noop\", \"delayMs\": \"soon\"}                    | delayMs",
            "{\"user\": \"u\", \"type\": \"noop\", \"runAt\": \"tomorrow\"}                  | runAt",
            "{\"user\": \"u\", \"type\": \"noop\", \"runAt\": \"2999-01-01T00:00:00Z\"}      | runAt",
            "{\"user\": \"u\", \"type\": \"noop\", \"runAt\": \"2026-01-01T00:00:00Z\", \"delayMs\": 5} | runAt",
            "{\"user\": \"u\", \"type\": \"noop\", \"lane\": \"vip\"}                        | lane",
    })
    void aBadDelayRunAtOrLaneIsRejectedNamingTheField(String body, String field) {
        long before = keysOfThisTest();
        given().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(400)
                .body("field", equalTo(field)).body("error", notNullValue());
        assertThat(keysOfThisTest()).isEqualTo(before);
    }

    @Test
    void listingAScheduleValidatesItsLimit() {
        given().get("/v1/jobs?schedule=x&limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }
}
