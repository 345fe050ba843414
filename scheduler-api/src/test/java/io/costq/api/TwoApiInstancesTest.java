package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.costq.core.route.RouteClient;
import io.costq.core.route.RouteSession;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real API instances on one Redis: this test's app (api-a) and the packaged scheduler-api started as a child
 * process (api-b). Both give every client the same session, a config change made on b changes a's classification
 * within 2 s, and when b is killed (-9) the Java route client carries on against a without losing a session, and a
 * stops routing to b once b's registration in pool api runs out.
 * Needs the packaged app in {@code target/quarkus-app} (Maven packages after the tests, so the very first
 * {@code verify} of a fresh checkout skips this test; any later run has it).
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.route.node-id", value = "api-a"),
        @ResourceArg(name = "costq.route.allowed-load.narrow", value = "0.4")})
class TwoApiInstancesTest {
    private static Process b;
    private static int bPort;
    private static Path bLog;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Assumptions.assumeTrue(isFresh(jar), "no packaged scheduler-api with /v1/route in target/quarkus-app: run mvn install first");
        try (ServerSocket s = new ServerSocket(0)) {
            bPort = s.getLocalPort();
        }
        bLog = Files.createTempFile("costq-api-b", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(bLog.toFile());
        Map<String, String> env = pb.environment();
        env.put("COSTQ_REDIS_URL", TestRedis.server().url());
        env.put("COSTQ_KEY_PREFIX", RedisTestResource.prefix());
        env.put("COSTQ_AUTH_ENABLED", "false");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(bPort));
        env.put("COSTQ_ROUTE_NODE_ID", "api-b");
        env.put("COSTQ_ROUTE_HEARTBEAT_MS", "200");
        env.put("COSTQ_ROUTE_NODE_TTL_MS", "1000");
        env.put("COSTQ_ROUTE_ALLOWED_LOAD_NARROW", "0.4");
        b = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertThat(b.isAlive()).as("api-b running; log:\n%s", tail()).isTrue();
            assertThat(System.nanoTime()).as("api-b up within 30 s; log:\n%s", tail()).isLessThan(deadline);
            try {
                if (onB().get("/q/health/ready").statusCode() == 200) break;
            } catch (Exception e) { // RestAssured rethrows ConnectException unchecked
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (bLog != null) Files.deleteIfExists(bLog);
    }

    private static RequestSpecification onB() {
        return given().baseUri("http://127.0.0.1").port(bPort);
    }

    private static void join(RequestSpecification on, String pool, String server) {
        on.contentType(ContentType.JSON).body(Map.of("uri", "tcp://" + server + ":2000", "capacity", 10))
                .put("/v1/servers/{pool}/{server}", pool, server).then().statusCode(200);
    }

    @Test
    void bothInstancesDecideAlikeShareConfigAndOneSurvivesTheOther() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String pool = "two-" + run; // its own pool, at the default allowed load 0.8: 8 sessions per server
        join(given(), pool, "n1");
        join(onB(), pool, "n2");
        // the same client gets the same session from either instance; new clients spread
        for (int i = 0; i < 16; i++) {
            String client = run + "-c" + i;
            String fromA = given().queryParam("pool", pool).queryParam("client", client).get("/v1/route")
                    .then().statusCode(200).extract().path("session");
            onB().queryParam("pool", pool).queryParam("client", client).get("/v1/route")
                    .then().statusCode(200).body("session", equalTo(fromA)).body("existing", equalTo(true));
        }
        // n1 and n2 are at 8 of 10 each, as either instance sees it
        given().queryParam("pool", pool).queryParam("client", run + "-late").get("/v1/route").then().statusCode(503);
        onB().queryParam("pool", pool).queryParam("client", run + "-late").get("/v1/route").then().statusCode(503);

        // a config change made on b reclassifies submits on a within 2 s
        String user = "two-" + run;
        given().contentType(ContentType.JSON).body(Map.of("user", user, "type", "noop")).post("/v1/jobs").then().body("costClass", equalTo(1));
        long started = System.nanoTime();
        onB().contentType(ContentType.JSON).body("{\"set\": {\"costq.classes.bounds-ms\": \"100,200,300\"}}").put("/v1/config")
                .then().statusCode(200);
        long stored = System.nanoTime();
        LiveConfigApiTest.within(2_000, () -> given().contentType(ContentType.JSON).body(Map.of("user", user, "type", "noop"))
                .post("/v1/jobs").then().extract().<Integer>path("costClass") == 3);
        System.out.printf("config change made on api-b classified on api-a after %d ms (PUT on b took %d ms)%n",
                (System.nanoTime() - started) / 1_000_000, (stored - started) / 1_000_000);
        given().get("/v1/config/history?limit=1").then().body("[0].changes[0].newValue", equalTo("100,200,300"));
        given().contentType(ContentType.JSON).body("{\"set\": {\"costq.classes.bounds-ms\": null}}").put("/v1/config").then().statusCode(200);

        // both API instances are servers of pool api: find a client routed to b
        String portal = null;
        for (int i = 0; i < 20 && portal == null; i++) {
            String c = run + "-portal" + i;
            if ("api-b".equals(given().queryParam("pool", "api").queryParam("client", c).get("/v1/route").then().statusCode(200)
                    .extract().path("server"))) portal = c;
        }
        assertThat(portal).as("some client was routed to api-b").isNotNull();

        // the Java route client holds sessions through b; b is killed; it carries on against a and no session is lost
        String forex = "forex-" + run;
        join(onB(), forex, "m1");
        join(onB(), forex, "m2");
        String a = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (RouteClient routes = RouteClient.builder().apiUrls("http://127.0.0.1:" + bPort, a).renewAutomatically(false).build()) {
            List<RouteSession> held = new ArrayList<>();
            for (int i = 0; i < 10; i++) held.add(routes.connect(forex, run + "-f" + i));
            b.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: b never leaves anything itself
            long killed = System.nanoTime();
            for (RouteSession s : held) assertThat(s.renew()).isTrue();
            System.out.printf("10 sessions renewed through api-a %d ms after api-b was killed%n", (System.nanoTime() - killed) / 1_000_000);
            given().get("/v1/servers/{pool}", forex).then().statusCode(200).body("sessions", equalTo(10));
            RouteSession more = routes.connect(forex, run + "-after");
            assertThat(more.server()).isIn("m1", "m2");
            held.get(0).close();
            given().get("/v1/servers/{pool}", forex).then().body("sessions", equalTo(10));
        }

        // b was a server of pool api too: the client whose session was on b moves to a once b's lease ran out
        String sticky = portal;
        LiveConfigApiTest.within(5_000, () -> "api-a".equals(given().queryParam("pool", "api").queryParam("client", sticky)
                .get("/v1/route").then().statusCode(200).extract().path("server")));
    }

    /** The packaged app has the decision server and live config (mtimes are no guide: every compile touches classes). */
    private static boolean isFresh(Path jar) throws IOException {
        Path app = Path.of("target/quarkus-app/app/scheduler-api-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar) || !Files.exists(app)) return false;
        try (var zip = new java.util.zip.ZipFile(app.toFile())) {
            return zip.getEntry("io/costq/api/SessionsResource.class") != null && zip.getEntry("io/costq/api/ConfigResource.class") != null;
        }
    }

    private static String tail() {
        try {
            var lines = Files.readAllLines(bLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
