package io.costq.api.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.costq.core.route.RouteClient;
import io.costq.core.route.RouteException;
import io.costq.core.route.RouteKeys;
import io.costq.core.route.RouteSession;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** The decision server's HTTP contract: route, sessions, servers joining and leaving, bad input, the SDK client. */
@QuarkusTest
@TestProfile(SteppedClock.Profile.class)
@WithTestResource(RedisTestResource.class)
class RouteApiTest {
    private final String pool = "p-" + UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private ValidatableResponse join(String server, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).put("/v1/servers/{pool}/{server}", pool, server).then();
    }

    private ValidatableResponse route(String client) {
        return given().queryParam("pool", pool).queryParam("client", client).get("/v1/route").then();
    }

    @Test
    void theRouteAnswerNamesTheServerAndTheSessionAndAskingAgainGivesTheSameSession() {
        join("s1", Map.of("uri", "tcp://s1:2000", "capacity", 10)).statusCode(200).body("sessions", equalTo(0))
                .body("capacity", equalTo(10)).body("capacitySource", equalTo("reported")).body("allowedSessions", equalTo(8));
        String session = route("alice").statusCode(200).body("uri", equalTo("tcp://s1:2000")).body("server", equalTo("s1"))
                .body("session", startsWith(pool + "~")).body("leaseMs", equalTo(30_000)).body("pool", equalTo(pool))
                .body("load", equalTo(0.1f)).body("allowedLoad", equalTo(0.8f)).body("capacity", equalTo(10))
                .body("sticky", equalTo(false)).body("existing", equalTo(false)).extract().path("session");
        route("alice").statusCode(200).body("session", equalTo(session)).body("existing", equalTo(true)).body("sticky", equalTo(true));
        given().get("/v1/servers/{pool}", pool).then().statusCode(200).body("sessions", equalTo(1))
                .body("servers[0].id", equalTo("s1")).body("servers[0].live", equalTo(true)).body("servers[0].sessions", equalTo(1))
                .body("servers[0].reported.capacity", equalTo(10)).body("servers[0].learned", nullValue());
        given().delete("/v1/sessions/{s}", session).then().statusCode(204);
        given().delete("/v1/sessions/{s}", session).then().statusCode(404).body("field", equalTo("session"));
    }

    @Test
    void anUnknownPoolIs404AndAConfiguredOneWithoutServers503() {
        given().queryParam("pool", "nobody-" + pool).queryParam("client", "c").get("/v1/route").then().statusCode(404)
                .body("field", equalTo("pool"));
        given().get("/v1/servers/{pool}", "nobody-" + pool).then().statusCode(404).body("field", equalTo("pool"));
        given().queryParam("pool", "configured").queryParam("client", "c").get("/v1/route").then().statusCode(503)
                .header("Retry-After", "1").body("field", equalTo("pool"));
    }

    @Test
    void badInputAnswers400NamingTheField() {
        given().queryParam("pool", pool).get("/v1/route").then().statusCode(400).body("field", equalTo("client"));
        given().queryParam("client", "x").get("/v1/route").then().statusCode(400).body("field", equalTo("pool"));
        given().queryParam("pool", "a b").queryParam("client", "x").get("/v1/route").then().statusCode(400).body("field", equalTo("pool"));
        given().contentType(ContentType.JSON).post("/v1/sessions/{s}/renew", "nonsense").then().statusCode(400).body("field", equalTo("session"));
        given().delete("/v1/sessions/{s}", "x~y").then().statusCode(400).body("field", equalTo("session"));
        given().contentType(ContentType.JSON).body(Map.of("server", "s1")).post("/v1/sessions/{s}/renew", pool + "~0123456789abcdefghjkmnpqrs")
                .then().statusCode(400).body("field", equalTo("client"));
        join("s1", Map.of("capacity", 10)).statusCode(400).body("field", equalTo("uri"));
        join("s1", Map.of("uri", "no scheme")).statusCode(400).body("field", equalTo("uri"));
        join("s1", Map.of("uri", "tcp://s1", "capacity", 0)).statusCode(400).body("field", equalTo("capacity"));
        join("s1", Map.of("uri", "tcp://s1", "load", -1)).statusCode(400).body("field", equalTo("load"));
        join("s1", Map.of("uri", "tcp://s1", "utilization", "busy")).statusCode(400).body("field", equalTo("utilization"));
        join("s1", Map.of("uri", "tcp://s1", "utilization", 101)).statusCode(400).body("field", equalTo("utilization"));
        given().contentType(ContentType.JSON).body("{}").put("/v1/servers/{pool}/{s}/admin", pool, "s1").then().statusCode(400)
                .body("field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"pinned\": true}").put("/v1/servers/{pool}/{s}/admin", pool, "s1").then()
                .statusCode(400).body("field", equalTo("pinned"));
        given().contentType(ContentType.JSON).body("{\"capacity\": 1.5}").put("/v1/servers/{pool}/{s}/admin", pool, "s1").then()
                .statusCode(400).body("field", equalTo("capacity"));
        given().contentType(ContentType.JSON).body("[]").put("/v1/servers/{pool}/{s}", pool, "s1").then().statusCode(400);
        given().contentType(ContentType.JSON).body("null").put("/v1/servers/{pool}/{s}", pool, "s1").then().statusCode(400)
                .body("field", equalTo("body"));
        join("s1", Map.of("uri", "tcp://s1", "capacity", 1e12)).statusCode(400).body("field", equalTo("capacity"));
        given().contentType(ContentType.JSON).body(Map.of("uri", "tcp://s1")).urlEncodingEnabled(false)
                .put("/v1/servers/" + pool + "/bad%0Aid").then().statusCode(400).body("field", equalTo("server"));
        given().contentType(ContentType.JSON).body("{\"pinned\": \"yes\"}").put("/v1/servers/{pool}/{s}/admin", pool, "s1").then()
                .statusCode(400).body("field", equalTo("pinned"));
        given().get("/v1/servers/{pool}/history?limit=0", pool).then().statusCode(400).body("field", equalTo("limit"));
        // issue 17: a vanishing allowed load is a typo, not a setting
        given().contentType(ContentType.JSON).body("{\"set\": {\"costq.route.allowed-load.forex\": \"1.5E-300\"}}").put("/v1/config")
                .then().statusCode(400).body("field", equalTo("costq.route.allowed-load.forex"));
        assertThat(TestRedis.client().getKeys().getKeysStreamByPattern("*:route:" + pool + "}*").toList()).as("nothing stored").isEmpty();
    }

    @Test
    void aServerOnlyTaughtAboutIsListedWithoutUriReportOrFit() {
        given().contentType(ContentType.JSON).body("{\"capacity\": 7}").put("/v1/servers/{pool}/{s}/admin", pool, "later").then()
                .statusCode(200);
        given().get("/v1/servers/{pool}", pool).then().statusCode(200).body("servers[0].id", equalTo("later"))
                .body("servers[0].live", equalTo(false)).body("servers[0].uri", nullValue()).body("servers[0].reported", nullValue())
                .body("servers[0].learned", nullValue()).body("servers[0].taught.capacity", equalTo(7));
        route("erin").statusCode(503);
    }

    @Test
    void theAdminCapsPinsAndDrainsLiveAndEveryChangeIsAudited() {
        join("s1", Map.of("uri", "tcp://s1:2000", "capacity", 100)).statusCode(200);
        join("s2", Map.of("uri", "tcp://s2:2000", "capacity", 100)).statusCode(200);
        given().contentType(ContentType.JSON).body("{\"capacity\": 5}").put("/v1/servers/{pool}/{s}/admin", pool, "s1").then()
                .statusCode(200).body("version", equalTo(1)).body("capacity", equalTo(5)).body("pinned", equalTo(false));
        given().get("/v1/servers/{pool}", pool).then().body("servers[0].capacity", equalTo(5))
                .body("servers[0].capacitySource", equalTo("taught")).body("servers[0].allowedSessions", equalTo(4))
                .body("servers[0].taught.capacity", equalTo(5));
        given().contentType(ContentType.JSON).body("{\"draining\": true, \"capacity\": null}").put("/v1/servers/{pool}/{s}/admin", pool, "s2")
                .then().statusCode(200).body("draining", equalTo(true)).body("capacity", nullValue());
        for (int i = 0; i < 4; i++) route("c" + i).statusCode(200).body("server", equalTo("s1"));
        route("c4").statusCode(503);
        given().get("/v1/servers/{pool}/history", pool).then().statusCode(200).body("[0].version", equalTo(2))
                .body("[0].who", equalTo("local")).body("[0].changes[0].key", equalTo("s2.draining"))
                .body("[0].changes[0].newValue", equalTo("true")).body("[1].changes[0].key", equalTo("s1.capacity"))
                .body("[1].changes[0].oldValue", nullValue()).body("[1].changes[0].newValue", equalTo("5"));
    }

    @Test
    void aServerLeavesAndALostSessionIsRestoredByItsRenewal() {
        join("s1", Map.of("uri", "tcp://s1:2000")).statusCode(200).body("capacitySource", equalTo("default"));
        String session = route("bob").statusCode(200).extract().path("session");
        // what a Redis failover that lost the write would leave: no trace of the session
        RouteKeys k = RouteKeys.of(RedisTestResource.prefix(), pool);
        var redis = TestRedis.client();
        redis.getMap(k.sessions(), StringCodec.INSTANCE).fastRemove(session);
        redis.getScoredSortedSet(k.deadlines(), StringCodec.INSTANCE).remove(session);
        redis.getMap(k.clients(), StringCodec.INSTANCE).fastRemove("bob");
        redis.getMap(k.load(), StringCodec.INSTANCE).fastRemove("s1");
        given().contentType(ContentType.JSON).post("/v1/sessions/{s}/renew", session).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("server", "s1", "client", "bob")).post("/v1/sessions/{s}/renew", session)
                .then().statusCode(200).body("restored", equalTo(true)).body("server", equalTo("s1"));
        given().get("/v1/servers/{pool}", pool).then().body("servers[0].sessions", equalTo(1));
        given().delete("/v1/servers/{pool}/{s}", pool, "s1").then().statusCode(204);
        given().delete("/v1/servers/{pool}/{s}", pool, "s1").then().statusCode(404).body("field", equalTo("server"));
        given().contentType(ContentType.JSON).post("/v1/sessions/{s}/renew", session).then().statusCode(200).body("serverLive", equalTo(false));
        route("carol").statusCode(503);
    }

    @Test
    void theApiInstanceItselfIsAServerOfPoolApi() throws InterruptedException {
        // it joins on its first heartbeat, up to a second after start-up
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (given().queryParam("pool", "api").queryParam("client", "portal-" + pool).get("/v1/route").statusCode() != 200) {
            assertThat(System.nanoTime()).as("joined within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        given().queryParam("pool", "api").queryParam("client", "portal-" + pool).get("/v1/route").then().statusCode(200)
                .body("server", equalTo("api-stepped")).body("uri", org.hamcrest.Matchers.endsWith(":" + port));
        given().get("/v1/servers/api").then().statusCode(200).body("servers.find { it.id == 'api-stepped' }.reported.capacity", equalTo(256));
    }

    @Test
    void theJavaRouteClientSkipsAnInstanceThatDoesNotAnswer() throws Exception {
        join("s1", Map.of("uri", "tcp://s1:2000", "capacity", 100)).statusCode(200);
        String dead = "http://127.0.0.1:" + RedisServerProcess.freePort(); // nothing listens there
        try (RouteClient routes = RouteClient.builder().apiUrls(dead, "http://127.0.0.1:" + port).renewAutomatically(false).build()) {
            RouteSession s = routes.connect(pool, "dave");
            assertThat(s.server()).isEqualTo("s1");
            assertThat(s.uri()).isEqualTo("tcp://s1:2000");
            routes.renewAll();
            assertThat(s.isLost()).isFalse();
            given().get("/v1/servers/{pool}", pool).then().body("sessions", equalTo(1));
            s.close();
            given().get("/v1/servers/{pool}", pool).then().body("sessions", equalTo(0));
            RouteException unknown = org.junit.jupiter.api.Assertions.assertThrows(RouteException.class, () -> routes.connect("nobody-" + pool, "x"));
            assertThat(unknown.reason()).isEqualTo(RouteException.Reason.UNKNOWN_POOL);
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryDecisionServerEndpoint() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/route'.get.operationId", equalTo("routeClient"))
                .body("paths.'/v1/sessions/{session}/renew'.post.operationId", equalTo("renewSession"))
                .body("paths.'/v1/sessions/{session}'.delete.operationId", equalTo("releaseSession"))
                .body("paths.'/v1/servers/{pool}/{server}'.put.operationId", equalTo("registerServer"))
                .body("paths.'/v1/servers/{pool}/{server}'.delete.operationId", equalTo("leaveServer"))
                .body("paths.'/v1/servers/{pool}'.get.operationId", equalTo("readPool"))
                .body("paths.'/v1/servers/{pool}/{server}/admin'.put.operationId", equalTo("teachServer"))
                .body("paths.'/v1/servers/{pool}/history'.get.operationId", equalTo("poolHistory"))
                .body("components.schemas.Route.properties.keySet()", org.hamcrest.Matchers.hasItems("uri", "server", "session", "leaseMs"))
                .body("components.schemas.PoolServer.properties.keySet()", org.hamcrest.Matchers.hasItems("capacity", "learned", "taught"))
                .body("paths.'/v1/route'.get.responses.'503'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Error"));
    }
}
