package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a 4xx naming the field, and writes nothing. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BadInputApiTest {

    private static long keysOfThisTest() {
        String pattern = "{" + RedisTestResource.prefix() + ":*";
        return StreamSupport.stream(TestRedis.client().getKeys().getKeysByPattern(pattern.replace("{", "\\{").replace("}", "\\}")).spliterator(), false).count();
    }

    @ParameterizedTest(name = "{0} -> {1} field {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"sleep\", \"payload\": {\"ms\": 5}}                    | 400 | user",
            "{\"user\": \"u\", \"payload\": {\"ms\": 5}}                        | 400 | type",
            "{\"user\": \"u\", \"type\": \"teleport\"}                          | 400 | type",
            "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {\"ms\": -1}}  | 400 | payload.ms",
            "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {}}            | 400 | payload.ms",
            "{\"user\": \"u\", \"type\": \"sleep\", \"payload\": [1]}           | 400 | payload",
            "{\"user\": \"u\", \"type\": \"http\", \"payload\": {\"url\": \"ftp://x\"}} | 400 | payload.url",
            "{\"user\": \"   \", \"type\": \"noop\"}                            | 400 | user",
            "{\"user\": \"u\", \"type\": \"noop\", \"maxAttempts\": 0}          | 400 | maxAttempts",
            "{\"user\": \"u\", \"type\": \"noop\", \"maxAttempts\": \"x\"}      | 400 | maxAttempts",
            "{\"user\": \"u\", \"type\": \"noop\"                               | 400 | body",
            "not json at all                                                    | 400 | body",
            "[]                                                                 | 400 | body",
    })
    void rejectedNamingTheFieldAndNothingIsStored(String body, int status, String field) {
        long before = keysOfThisTest();
        given().contentType(ContentType.JSON).body(body).when().post("/v1/jobs")
                .then().statusCode(status).body("field", equalTo(field)).body("error", notNullValue());
        assertThat(keysOfThisTest()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void oversizedPayloadAndOverlongUserAreRejected() {
        long before = keysOfThisTest();
        String big = "x".repeat(70_000);
        given().contentType(ContentType.JSON).body("{\"user\": \"u\", \"type\": \"noop\", \"payload\": {\"blob\": \"" + big + "\"}}")
                .post("/v1/jobs").then().statusCode(400).body("field", equalTo("payload"));
        given().contentType(ContentType.JSON).body("{\"user\": \"" + "u".repeat(201) + "\", \"type\": \"noop\"}")
                .post("/v1/jobs").then().statusCode(400).body("field", equalTo("user"));
        given().contentType(ContentType.JSON).body("{\"user\": \"u\", \"type\": \"noop\"}")
                .post("/v1/jobs?waitMs=-5").then().statusCode(400).body("field", equalTo("waitMs"));
        assertThat(keysOfThisTest()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void idsThatWouldBreakTheKeyLayoutAreEncoded() {
        given().contentType(ContentType.JSON).body("{\"user\": \"a:b {x} c\", \"type\": \"noop\"}")
                .post("/v1/jobs").then().statusCode(202);
        assertThat(TestRedis.client().getKeys().countExists("{" + RedisTestResource.prefix() + ":0}:hist:a%3Ab%20%7Bx%7D%20c")).isZero();
        given().urlEncodingEnabled(false).get("/v1/users/a%3Ab%20%7Bx%7D%20c/estimate?type=sleep").then().statusCode(200).body("user", equalTo("a:b {x} c"));
    }
}
