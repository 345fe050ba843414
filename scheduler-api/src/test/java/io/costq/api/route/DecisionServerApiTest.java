package io.costq.api.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The seed's decision server over real HTTP: three messaging servers outside costq (capacity 100 each) in pool
 * {@code forex}, which allows 40 %. Clients connect concurrently, disconnect, vanish; the app's clock is stepped.
 */
@QuarkusTest
@TestProfile(SteppedClock.Profile.class)
@WithTestResource(RedisTestResource.class)
class DecisionServerApiTest {
    private static final String POOL = "forex";

    @Inject
    SteppedClock clock;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private void heartbeat(String server) {
        given().contentType(ContentType.JSON).body(Map.of("uri", "tcp://" + server + ":2000", "capacity", 100))
                .put("/v1/servers/{pool}/{server}", POOL, run + server).then().statusCode(200)
                .body("leaseMs", equalTo(10_000)).body("allowedSessions", equalTo(40));
    }

    private void heartbeats() {
        for (String s : new String[]{"m1", "m2", "m3"}) heartbeat(s);
    }

    private static ExtractableResponse<Response> connect(String client) {
        return given().queryParam("pool", POOL).queryParam("client", client).get("/v1/route").then().extract();
    }

    private Map<String, Integer> sessionsPerServer() {
        Map<String, Integer> out = new HashMap<>();
        List<Map<String, Object>> servers = given().get("/v1/servers/{pool}", POOL).then().statusCode(200).extract().path("servers");
        for (Map<String, Object> s : servers) if (((String) s.get("id")).startsWith(run)) out.put((String) s.get("id"), (Integer) s.get("sessions"));
        return out;
    }

    @Test
    void clientsAreSpreadUnderTheAllowedLoadTurnedAwayWhenFullAndVanishedOnesFreeTheirSlotsAfterTheLease() throws Exception {
        heartbeats();
        // 150 clients connect at once, from 8 threads
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ExtractableResponse<Response>>> asks = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String client = run + "-c" + i;
            asks.add(pool.submit(() -> connect(client)));
        }
        Map<String, String> sessionOf = new HashMap<>(); // client -> session
        List<String> turnedAway = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ExtractableResponse<Response> r = asks.get(i).get();
            if (r.statusCode() == 200) {
                sessionOf.put(run + "-c" + i, r.path("session"));
                assertThat((float) r.path("load")).isLessThanOrEqualTo(0.4f);
                assertThat((int) r.path("leaseMs")).isEqualTo(30_000);
            } else {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat((String) r.path("field")).isEqualTo("pool");
                turnedAway.add(run + "-c" + i);
            }
        }
        pool.shutdown();
        assertThat(sessionOf).hasSize(120);
        assertThat(sessionsPerServer()).containsOnly(Map.entry(run + "m1", 40), Map.entry(run + "m2", 40), Map.entry(run + "m3", 40));
        assertThat(connect(run + "-one-more").statusCode()).isEqualTo(503); // the 121st concurrent client

        // 20 disconnect; 20 of those turned away get in; the next one does not
        List<String> clients = new ArrayList<>(sessionOf.keySet());
        for (String c : clients.subList(0, 20)) {
            given().delete("/v1/sessions/{s}", sessionOf.remove(c)).then().statusCode(204);
        }
        for (String c : turnedAway.subList(0, 20)) sessionOf.put(c, connect(c).path("session"));
        assertThat(sessionOf.values()).doesNotContainNull().hasSize(120);
        assertThat(connect(run + "-one-more").statusCode()).isEqualTo(503);

        // 20 clients vanish without releasing; the other 100 renew half-way through the lease
        clock.advance(15_000);
        heartbeats();
        List<String> live = new ArrayList<>(sessionOf.keySet());
        List<String> vanished = live.subList(0, 20);
        for (String c : live.subList(20, 120)) {
            given().contentType(ContentType.JSON).post("/v1/sessions/{s}/renew", sessionOf.get(c)).then().statusCode(200)
                    .body("restored", equalTo(false)).body("serverLive", equalTo(true));
        }
        assertThat(connect(run + "-one-more").statusCode()).isEqualTo(503); // their leases have not run out yet
        clock.advance(15_001);
        heartbeats();
        given().get("/v1/servers/{pool}", POOL).then().body("sessions", equalTo(100));
        for (int i = 0; i < 20; i++) assertThat(connect(run + "-new" + i).statusCode()).isEqualTo(200);
        assertThat(connect(run + "-one-more").statusCode()).isEqualTo(503);
        for (String c : vanished) {
            given().contentType(ContentType.JSON).post("/v1/sessions/{s}/renew", sessionOf.get(c)).then().statusCode(404)
                    .body("field", equalTo("session"));
        }
        assertThat(sessionsPerServer().values()).containsOnly(40);
    }
}
