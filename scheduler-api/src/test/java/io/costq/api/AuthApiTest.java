package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys by role: 401 without a key, 403 with the wrong role, submitters see only their own jobs. */
@QuarkusTest
@TestProfile(AuthApiTest.WithKeys.class)
@WithTestResource(RedisTestResource.class)
public class AuthApiTest { // public: RolesMatchTheDocumentTest runs under its keys (one app start)

    /** Keys as the operator configures them: SHA-256 hashes only. */
    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "costq.auth.enabled", "true",
                    "costq.auth.keys.portal.sha256", "9792ab9d5299bb82a4b403da1bfa99def25e8884e678dd67281da34aedf5e881",
                    "costq.auth.keys.portal.role", "SUBMITTER",
                    "costq.auth.keys.other.sha256", "9c0ee26e4a1fbb028187486a7ea91f81f8ab81fcf467cba75107dbd3a64244d7",
                    "costq.auth.keys.other.role", "SUBMITTER",
                    "costq.auth.keys.ops.sha256", "32323cfa9ec9d62750daad0836a4cf3d7b60d23723b7852a529667deed01669f",
                    "costq.auth.keys.ops.role", "OPERATOR",
                    "costq.auth.keys.node.sha256", "c0ef1ddb393af34524c4011ee5380564a65c4d8213993d25c4189ba05bf4ed3b",
                    "costq.auth.keys.node.role", "WORKER");
        }
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static final String JOB = "{\"user\": \"u\", \"type\": \"noop\"}";

    @Test
    void withoutAKeyOrWithAnUnknownOneEveryV1CallIs401() {
        given().contentType(ContentType.JSON).body(JOB).post("/v1/jobs").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("field", equalTo("Authorization"));
        as("guess").get("/v1/queues").then().statusCode(401).body("error", equalTo("unknown API key"));
        given().get("/q/health").then().statusCode(200); // platform endpoints stay open
    }

    @Test
    void rolesDecideWhatAKeyMayDo() {
        String id = as("portal-secret").contentType(ContentType.JSON).body(JOB).post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().header("X-Api-Key", "portal-secret").get("/v1/jobs/" + id).then().statusCode(200);
        as("portal-secret").get("/v1/dead").then().statusCode(403).body("field", equalTo("Authorization"));
        as("portal-secret").get("/v1/nodes").then().statusCode(403);
        as("portal-secret").post("/v1/jobs/" + id + "/retry").then().statusCode(403);
        as("node-secret").contentType(ContentType.JSON).body(JOB).post("/v1/jobs").then().statusCode(403);
        as("node-secret").get("/v1/nodes").then().statusCode(200);
        as("ops-secret").get("/v1/dead").then().statusCode(200);
        as("ops-secret").get("/v1/jobs/" + id).then().statusCode(200);
    }

    @Test
    void aSubmitterNeitherSeesNorCancelsAnotherSubmittersJob() {
        String id = as("portal-secret").contentType(ContentType.JSON).body(JOB).post("/v1/jobs").then().statusCode(202).extract().path("id");
        as("other-secret").get("/v1/jobs/" + id).then().statusCode(404);
        as("other-secret").delete("/v1/jobs/" + id).then().statusCode(404);
        as("portal-secret").get("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("QUEUED"));
        as("ops-secret").delete("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }
}
