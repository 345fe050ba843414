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

/** API keys by role: 401 without a key, 403 with the wrong role, submitters see only their tenant's jobs (TenantsApiTest). */
@QuarkusTest
@TestProfile(AuthApiTest.WithKeys.class)
@WithTestResource(RedisTestResource.class)
public class AuthApiTest { // public: RolesMatchTheDocumentTest runs under its keys (one app start)

    /** Keys as the operator configures them: SHA-256 hashes only. */
    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("costq.auth.enabled", "true"),
                    Map.entry("costq.auth.keys.portal.sha256", "9792ab9d5299bb82a4b403da1bfa99def25e8884e678dd67281da34aedf5e881"),
                    Map.entry("costq.auth.keys.portal.role", "SUBMITTER"),
                    Map.entry("costq.auth.keys.portal.tenant", "acme"),
                    // no .tenant: a tenant of its own, named after the key ("other")
                    Map.entry("costq.auth.keys.other.sha256", "9c0ee26e4a1fbb028187486a7ea91f81f8ab81fcf467cba75107dbd3a64244d7"),
                    Map.entry("costq.auth.keys.other.role", "SUBMITTER"),
                    Map.entry("costq.auth.keys.ops.sha256", "32323cfa9ec9d62750daad0836a4cf3d7b60d23723b7852a529667deed01669f"),
                    Map.entry("costq.auth.keys.ops.role", "OPERATOR"),
                    Map.entry("costq.auth.keys.node.sha256", "c0ef1ddb393af34524c4011ee5380564a65c4d8213993d25c4189ba05bf4ed3b"),
                    Map.entry("costq.auth.keys.node.role", "WORKER"),
                    // a webhook server's key: acks the jobs of acme only
                    Map.entry("costq.auth.keys.hook.sha256", "2efb43e02793b105c44370fea9d5d9bb57d8aee661c8ecea90fb9e40c44c0752"),
                    Map.entry("costq.auth.keys.hook.role", "WORKER"),
                    Map.entry("costq.auth.keys.hook.tenants", "acme"),
                    // a capped tenant: at most 2 queued jobs
                    Map.entry("costq.auth.keys.tiny.sha256", "6c77dad0656f58b1b3d07dab9bc8219bdd1ed821d77acd91123de5342ae2244b"),
                    Map.entry("costq.auth.keys.tiny.role", "SUBMITTER"),
                    Map.entry("costq.tenants.tiny.max-queued", "2"),
                    Map.entry("costq.tenants.tiny.retry-after-seconds", "7"));
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
