package io.costq.api.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad values of every integer query parameter the document lists answer 400 naming the parameter (JAX-RS alone
 * answers 404 with an empty body), read from the document so a parameter added later is held to it too; and the
 * framework's own 4xx carry the Error body.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ParamEdgesApiTest {
    private static final String JOB = "{\"user\": \"edges\", \"type\": \"noop\"}";

    @TestFactory
    Stream<DynamicTest> everyIntegerQueryParameterRefusesWhatIsNotAnIntegerInItsRange() {
        OpenApiDoc doc = OpenApiDoc.fetch(RestAssured.baseURI + ":" + RestAssured.port);
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDoc.Op op : doc.operations()) {
            for (JsonNode p : op.node().path("parameters")) {
                if (!p.path("in").asText().equals("query") || !p.path("schema").path("type").asText().equals("integer")) continue;
                String name = p.path("name").asText();
                List<String> bad = new ArrayList<>(List.of("abc", "1e3", "12.5", "0x10", "99999999999999999999", "-99999999999999999999"));
                if (p.path("schema").has("minimum")) bad.add(String.valueOf(p.path("schema").path("minimum").asLong() - 1));
                if (p.path("schema").has("maximum")) bad.add(String.valueOf(p.path("schema").path("maximum").asLong() + 1));
                for (String value : bad) {
                    tests.add(DynamicTest.dynamicTest(op.name() + "?" + name + "=" + value, () ->
                            Probe.call(op, given().queryParam(name, value)).then().statusCode(400)
                                    .body("field", equalTo(name)).body("error", containsString(name))));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void waitMsAboveTheConfiguredMaximumIsRefusedAndNothingIsStored() {
        given().contentType(ContentType.JSON).body(JOB).post("/v1/jobs?waitMs=60001").then().statusCode(400)
                .body("field", equalTo("waitMs")).body("error", equalTo("waitMs must be in 0..60000"));
    }

    @Test
    void aBlankNumberIsTheParametersDefault() {
        given().get("/v1/dead?limit=").then().statusCode(200);
        given().contentType(ContentType.JSON).body(JOB).post("/v1/jobs?waitMs=").then().statusCode(202);
    }

    @Test
    void anUnknownPathIs404WithTheErrorBody() {
        given().get("/v1/no-such-thing").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("no such resource")).body("field", nullValue());
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithTheErrorBody() {
        given().patch("/v1/queues").then().statusCode(405).contentType(ContentType.JSON).body("error", equalTo("method not allowed here"));
    }

    @Test
    void anAcceptWithoutJsonIs406NamingAccept() {
        given().accept("image/png").get("/v1/queues").then().statusCode(406).body("field", equalTo("Accept"));
    }

    @Test
    void aBodyThatIsNotJsonIs415NamingContentType() {
        given().contentType(ContentType.TEXT).body(JOB).post("/v1/jobs").then().statusCode(415).body("field", equalTo("Content-Type"));
    }
}
