package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.costq.core.store.Keys;
import io.costq.core.store.NodeDirectory;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /v1/route over real HTTP; the pool's nodes are published as their heartbeats would publish them. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.route.node-id", value = "api-a"),
        @ResourceArg(name = "costq.route.allowed-load.narrow", value = "0.4")})
class RouteApiTest {
    private final String pool = "narrow";
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private void node(String id, int load, int capacity) {
        new NodeDirectory(TestRedis.client(), new Keys(RedisTestResource.prefix(), 0)).heartbeat(run + id, System.currentTimeMillis(),
                60_000, Map.of("role", pool, "runningTasks", String.valueOf(load), "maxTasks", String.valueOf(capacity),
                        "uri", "http://" + id + ":8080"));
    }

    private io.restassured.response.ValidatableResponse route(String client) {
        return given().queryParam("pool", pool).queryParam("client", run + client).get("/v1/route").then();
    }

    @Test
    void routesToTheLeastLoadedNodeUnderThePoolsAllowedLoadAndKeepsTheClientThere() {
        node("a", 3, 10);
        node("b", 1, 10);
        node("c", 0, 10);
        route("alice").statusCode(200).body("nodeId", equalTo(run + "c")).body("uri", equalTo("http://c:8080"))
                .body("load", equalTo(0.0f)).body("allowedLoad", equalTo(0.4f)).body("sticky", equalTo(false));
        node("c", 2, 10);
        node("b", 0, 10);
        route("alice").statusCode(200).body("nodeId", equalTo(run + "c")).body("sticky", equalTo(true));
        route("bob").statusCode(200).body("nodeId", equalTo(run + "b"));
        node("c", 4, 10); // c reaches 0.4: alice moves to the least loaded node under it
        route("alice").statusCode(200).body("nodeId", equalTo(run + "b"));
    }

    @Test
    void answers503WithRetryAfterWhenEveryNodeIsAtItsLimit() {
        String full = "full-" + run;
        new NodeDirectory(TestRedis.client(), new Keys(RedisTestResource.prefix(), 0)).heartbeat(full + "-1", System.currentTimeMillis(),
                60_000, Map.of("role", full, "runningTasks", "8", "maxTasks", "10", "uri", "http://x"));
        given().queryParam("pool", full).queryParam("client", "c1").get("/v1/route").then()
                .statusCode(503).header("Retry-After", "1").body("field", equalTo("pool"));
        given().queryParam("pool", "nobody-" + run).queryParam("client", "c1").get("/v1/route").then().statusCode(503);
    }

    @Test
    void theApiInstanceItselfIsInTheDirectoryAndRoutable() throws InterruptedException {
        // the instance registers on its first heartbeat, up to a second after start-up
        LiveConfigApiTest.within(5_000, () -> "api".equals(given().get("/v1/nodes").then().statusCode(200).extract()
                .path("find { it.id == 'api-a' }.role")));
        given().get("/v1/nodes").then().statusCode(200).body("find { it.id == 'api-a' }.role", equalTo("api"))
                .body("id", hasItem("api-a"));
        given().queryParam("pool", "api").queryParam("client", "portal-" + run).get("/v1/route").then()
                .statusCode(200).body("nodeId", equalTo("api-a"));
    }

    @Test
    void badParametersAnswer400NamingThem() {
        given().queryParam("pool", pool).get("/v1/route").then().statusCode(400).body("field", equalTo("client"));
        given().queryParam("client", "x").get("/v1/route").then().statusCode(400).body("field", equalTo("pool"));
    }
}
