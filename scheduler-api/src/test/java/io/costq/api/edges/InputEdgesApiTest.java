package io.costq.api.edges;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The edges issue #17 found by fuzzing, each through real HTTP: a 4xx naming the field, nothing stored. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "costq.http.allowed-hosts", value = "localhost"))
class InputEdgesApiTest {
    private static final String JOB = "{\"user\": \"edges\", \"type\": \"noop\"}";

    private static ValidatableResponse putConfig(String json) {
        return given().contentType(ContentType.JSON).body(json).put("/v1/config").then();
    }

    private static long configVersion() {
        return given().get("/v1/config").then().statusCode(200).extract().<Number>path("version").longValue();
    }

    private static int deadCount() {
        return given().get("/v1/dead?limit=1000").then().statusCode(200).extract().path("size()");
    }

    @Test
    void waitMsThatIsNotANumberOrOverflowsIs400NamingWaitMs() {
        for (String bad : new String[]{"abc", "99999999999999999999", "1.5E-300"}) {
            given().contentType(ContentType.JSON).body(JOB).post("/v1/jobs?waitMs=" + bad).then().statusCode(400)
                    .contentType(ContentType.JSON).body("field", equalTo("waitMs")).body("error", containsString("waitMs"));
        }
    }

    @Test
    void resettingAnUnknownKeyIs400LikeSettingItAndNotVersioned() {
        long version = configVersion();
        int audited = given().get("/v1/config/history?limit=1000").then().extract().path("size()");
        putConfig("{\"set\": {\"costq.no-such-setting\": null}}").statusCode(400).body("field", equalTo("costq.no-such-setting"));
        assertThat(configVersion()).isEqualTo(version);
        assertThat(given().get("/v1/config/history?limit=1000").then().extract().<Integer>path("size()")).isEqualTo(audited);
    }

    @Test
    void resettingAStartUpOnlyKeyIs400LikeSettingIt() {
        long version = configVersion();
        putConfig("{\"set\": {\"costq.redis.url\": null}}").statusCode(400).body("field", equalTo("costq.redis.url"))
                .body("error", containsString("live"));
        putConfig("{\"set\": {\"costq.policy.cpu-threshold\": null, \"costq.worker.max-tasks\": null}}").statusCode(400)
                .body("field", equalTo("costq.worker.max-tasks"));
        assertThat(configVersion()).isEqualTo(version);
    }

    @Test
    void aVanishingAllowedLoadIs400NamingTheKey() {
        long version = configVersion();
        putConfig("{\"set\": {\"costq.route.default-allowed-load\": 1.5E-300}}").statusCode(400)
                .body("field", equalTo("costq.route.default-allowed-load")).body("error", containsString("0.01"));
        putConfig("{\"set\": {\"costq.route.allowed-load.forex\": \"1.5E-300\"}}").statusCode(400)
                .body("field", equalTo("costq.route.allowed-load.forex"));
        putConfig("{\"set\": {\"costq.route.allowed-load.forex\": \"NaN\"}}").statusCode(400)
                .body("field", equalTo("costq.route.allowed-load.forex"));
        assertThat(configVersion()).isEqualTo(version);
    }

    @Test
    void routingToAPoolNobodyJoinedIs404NotA503ToRetry() {
        given().queryParam("pool", "never-joined").queryParam("client", "c1").get("/v1/route").then().statusCode(404)
                .body("field", equalTo("pool"));
    }

    @Test
    void anHttpJobToAHostNotAllowedIs400NamingPayloadUrl() {
        int before = deadCount();
        for (String url : new String[]{"http://127.0.0.1:6379/", "http://10.0.0.7/hook", "http://localhost.evil.example/"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"user\": \"edges\", \"type\": \"http\", \"payload\": {\"url\": \"" + url + "\"}}")
                    .post("/v1/jobs").then().statusCode(400).body("field", equalTo("payload.url"))
                    .body("error", containsString("costq.http.allowed-hosts"));
        }
        assertThat(deadCount()).isEqualTo(before);
        // the one listed host is accepted (nothing listens there: the job just fails later, which is not the point)
        given().contentType(ContentType.JSON)
                .body("{\"user\": \"edges\", \"type\": \"http\", \"payload\": {\"url\": \"http://localhost:9/x\"}, \"maxAttempts\": 1}")
                .post("/v1/jobs").then().statusCode(202);
    }
}
