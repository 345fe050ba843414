package io.costq.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.testing.TestRedis;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * 2,000 random and malformed requests (bodies, field types, ids, headers, paths): never a 5xx, and another job's
 * state never changes. Seeded, so a failure replays; the seed and request are in the assertion message.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class FuzzApiTest {
    private static final long SEED = 20261124L;
    private static final String[] FIELDS = {"user", "type", "payload", "idempotencyKey", "maxAttempts", "timeoutMs",
            "startWithinMs", "orderingKey", "channel", "awaitAck", "ackTimeoutMs", "extra"};
    private static final String[] TYPES = {"noop", "sleep", "cpu", "http", "", "NOOP", "sleep ", "../x", "{x}"};
    private final SplittableRandom random = new SplittableRandom(SEED);

    @Test
    void randomAndMalformedRequestsGetOnly4xxOr2xxAndTouchNoOtherJob() {
        String reference = given().contentType("application/json").body("{\"user\": \"ref\", \"type\": \"noop\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Map<String, String> before = jobHash(reference);

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String[] described = new String[1];
            Response r = randomRequest(described);
            if (r.statusCode() >= 500) failures.add("#" + i + " " + described[0] + " -> " + r.statusCode() + " " + r.asString());
            if (r.statusCode() == 400 && r.asString().startsWith("{")) {
                assertThat(r.asString()).as(described[0]).contains("\"error\"").doesNotContain("Exception");
            }
        }
        assertThat(failures).as("5xx answers (seed " + SEED + ")").isEmpty();
        assertThat(jobHash(reference)).as("the reference job is untouched").isEqualTo(before);
    }

    private static Map<String, String> jobHash(String id) {
        return new TreeMap<>(TestRedis.client().<String, String>getMap("{" + RedisTestResource.prefix() + ":0}:job:" + id,
                StringCodec.INSTANCE).readAllMap());
    }

    private Response randomRequest(String[] described) {
        int kind = random.nextInt(10);
        RequestSpecification spec = given().urlEncodingEnabled(false);
        if (random.nextInt(8) == 0) spec = spec.header("Content-Type", pick("text/plain", "application/xml", "application/json; charset=latin1", "*/*"));
        else spec = spec.header("Content-Type", "application/json");
        if (random.nextInt(10) == 0) spec = spec.header("Accept", pick("image/png", "text/html", "*/*"));
        if (random.nextInt(10) == 0) spec = spec.header("Authorization", "Bearer " + randomText(40));
        switch (kind) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(0, 300)];
                for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) random.nextInt(256);
                described[0] = "POST random bytes (" + bytes.length + ")";
                return spec.body(bytes).post("/v1/jobs");
            }
            case 1, 2, 3, 4 -> {
                String body = randomObject();
                String query = random.nextInt(6) == 0 ? "?waitMs=" + pick("-1", "0", "10", "abc", "99999999999999999999", "1e3") : "";
                described[0] = "POST /v1/jobs" + query + " " + body;
                return spec.body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/jobs" + query);
            }
            case 5 -> {
                String body = truncateOrCorrupt("{\"user\": \"u\", \"type\": \"sleep\", \"payload\": {\"ms\": 5}}");
                described[0] = "POST corrupted " + body;
                return spec.body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/jobs");
            }
            case 6 -> {
                String path = "/v1/jobs/" + randomPathSegment();
                described[0] = "GET/DELETE/POST " + path;
                return switch (random.nextInt(4)) {
                    case 0 -> spec.get(path);
                    case 1 -> spec.delete(path);
                    case 2 -> spec.post(path + "/retry");
                    default -> spec.post(path + "/ack");
                };
            }
            case 7 -> {
                String path = "/v1/users/" + randomPathSegment() + "/estimate";
                described[0] = "GET " + path;
                return spec.get(path);
            }
            case 8 -> {
                String path = pick("/v1/queues", "/v1/nodes", "/v1/dead?limit=" + pick("0", "-3", "x", "5000", "10"), "/v1/channels",
                        "/v1/jobs", "/v1/" + randomPathSegment());
                described[0] = "GET/PUT " + path;
                return random.nextBoolean() ? spec.get(path) : spec.body("{}".getBytes(StandardCharsets.UTF_8)).put(path);
            }
            default -> {
                String body = "{\"user\": \"" + randomText(random.nextInt(1, 260)).replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\", \"type\": \"noop\", \"orderingKey\": \"" + randomText(random.nextInt(1, 40)).replace("\\", "\\\\").replace("\"", "'") + "\"}";
                described[0] = "POST odd ids " + body;
                return spec.body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/jobs");
            }
        }
    }

    private String randomObject() {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(0, 7);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(',');
            String field = random.nextInt(4) == 0 ? randomText(5) : FIELDS[random.nextInt(FIELDS.length)];
            b.append('"').append(field.replace("\"", "'").replace("\\", "/")).append("\":").append(randomValue(field, 0));
        }
        if (random.nextInt(3) == 0) b.append(n > 0 ? "," : "").append("\"user\":\"fz\",\"type\":\"").append(TYPES[random.nextInt(TYPES.length)]).append('"');
        return b.append('}').toString();
    }

    private String randomValue(String field, int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> pick("-1", "0", "1e400", "3.5", "99999999999999999999999", "-0", "NaN");
            case 3 -> "\"" + randomText(random.nextInt(0, 30)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 4 -> pick("true", "false", "\"\\ud800\"", "\"\\u0000\"", "\"" + "x".repeat(random.nextInt(1, 3_000)) + "\"");
            case 5 -> field.equals("type") ? "\"" + TYPES[random.nextInt(TYPES.length)] + "\"" : "\"sleep\"";
            case 6 -> "{\"ms\":" + pick("5", "-5", "\"5\"", "4000000", "null", "1.5") + ",\"url\":" + pick("\"http://127.0.0.1:1/x\"", "\"ftp://x\"", "5", "\"http://\"") + "}";
            case 7 -> "[" + randomValue(field, depth + 1) + "," + randomValue(field, depth + 1) + "]";
            default -> "{\"a\":" + randomValue(field, depth + 1) + "}";
        };
    }

    private String truncateOrCorrupt(String valid) {
        int cut = random.nextInt(valid.length());
        return switch (random.nextInt(3)) {
            case 0 -> valid.substring(0, cut);
            case 1 -> valid.substring(0, cut) + (char) random.nextInt(32, 127) + valid.substring(cut);
            default -> valid.substring(0, cut) + valid.substring(Math.min(valid.length(), cut + 3));
        };
    }

    private String randomPathSegment() {
        return switch (random.nextInt(5)) {
            case 0 -> "01ARZ3NDEKTSV4RRFFQ69G5FAV";
            case 1 -> pick("%7B%7D", "a%3Ab", "%2e%2e%2f", "%00", "..%2F..%2Fetc", "x".repeat(300));
            case 2 -> java.net.URLEncoder.encode(randomText(random.nextInt(1, 30)), StandardCharsets.UTF_8);
            default -> randomText(random.nextInt(1, 12)).replaceAll("[^A-Za-z0-9]", "");
        };
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> "{}:*[]?\\\" %/".charAt(random.nextInt(12));
                case 2 -> random.nextInt(0xa0, 0x2000);
                case 3 -> 0x1F600 + random.nextInt(50);
                default -> random.nextInt('a', 'z' + 1);
            };
            b.appendCodePoint(c);
        }
        return b.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
