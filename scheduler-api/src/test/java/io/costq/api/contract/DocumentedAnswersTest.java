package io.costq.api.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every API test's answers are checked against the document, and the check finds what is undocumented. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class DocumentedAnswersTest {
    private OpenApiDoc doc;

    @BeforeEach
    void read() {
        doc = OpenApiDoc.fetch(RestAssured.baseURI + ":" + RestAssured.port);
    }

    @Test
    void everyApiTestRunsWithTheCheckInstalled() {
        given().get("/v1/queues").then().statusCode(200);
        assertThat(RestAssured.filters()).hasAtLeastOneElementOfType(DocumentedAnswers.class);
    }

    @Test
    void aStatusTheOperationDoesNotListIsReported() {
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/jobs/01ABC", 418, h -> null, "{}"))
                .containsExactly("GET /v1/jobs/{id} does not list status 418");
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/no-such-operation", 404, h -> null, "")).isEmpty();
    }

    @Test
    void aPromisedHeaderThatIsMissingIsReported() {
        String error = "{\"error\": \"storage unavailable\", \"field\": null}";
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/queues", 503, h -> null, error)).containsExactly("header Retry-After is missing");
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/queues", 503, Map.of("Retry-After", "1")::get, error)).isEmpty();
    }

    @Test
    void aBodyOffTheSchemaIsReportedWithWhereItIs() {
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/queues", 200, h -> null,
                "[{\"costClass\": 0, \"depth\": 1, \"oldestAgeMs\": 5, \"upperBoundMs\": null},"
                        + " {\"costClass\": 1, \"depth\": null, \"oldestAgeMs\": 5, \"upperBoundMs\": 10, \"extra\": 1},"
                        + " {\"costClass\": 2, \"depth\": 0}]"))
                .containsExactlyInAnyOrder("$[1].depth: null where the document says \"integer\"",
                        "$[1].extra: a property the document does not list",
                        "$[2]: required property oldestAgeMs is missing", "$[2]: required property upperBoundMs is missing");
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/jobs/01ABC", 404, h -> null, "{\"error\": 7, \"field\": \"id\"}"))
                .containsExactly("$.error: number 7 where the document says \"string\"");
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/jobs/01ABC", 200, h -> null, job("\"LOST\"", "\"yesterday\"")))
                .containsExactlyInAnyOrder("$.status: \"LOST\" is not one of " + doc.resolve(doc.root().at("/components/schemas/JobState")).get("enum"),
                        "$.startedAt: \"yesterday\" is not a date-time");
        assertThat(DocumentedAnswers.problems(doc, "GET", "/v1/jobs/01ABC", 200, h -> null, job("\"QUEUED\"", "null"))).isEmpty();
    }

    private static String job(String status, String startedAt) {
        return "{\"id\": \"01ABC\", \"user\": \"u\", \"tenant\": \"default\", \"type\": \"noop\", \"status\": " + status + ", \"costClass\": 0, "
                + "\"estimateMs\": 1, \"costKey\": null, \"node\": null, \"attempts\": 0, \"maxAttempts\": 3, \"queuedAt\": \"2026-01-01T00:00:00Z\", "
                + "\"startedAt\": " + startedAt + ", \"finishedAt\": null, \"durationMs\": null, \"result\": {\"any\": [1]}, "
                + "\"error\": null, \"runAt\": null, \"orderingKey\": null, \"channel\": null, \"awaitAck\": null, \"ack\": null, "
                + "\"ackedAt\": null, \"lane\": null, \"schedule\": null, \"payload\": null, \"runs\": null, \"stackTrace\": null}";
    }
}
