package io.costq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's load generator against a real HTTP server: what it counts, sends and keeps open. */
class HttpLoadTest {
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/jobs", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            connections.add(ex.getRemoteAddress());
            // every 5th request fails, to see errors counted; ?chunked answers without a length
            int n = served.incrementAndGet();
            byte[] answer = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            boolean chunked = "chunked".equals(ex.getRequestURI().getQuery());
            ex.sendResponseHeaders(n % 5 == 0 ? 500 : 202, chunked ? 0 : answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpLoad load(String path) throws Exception {
        return new HttpLoad(server.getAddress(), path, List.of("{\"user\":\"a\"}", "{\"user\":\"b\"}"), 202);
    }

    @Test
    void closedLoopSendsEveryRequestOnKeptAliveConnectionsAndCountsOtherStatusesAsErrors() throws Exception {
        Samples latency = new Samples();
        HttpLoad.Outcome o;
        try (HttpLoad load = load("/v1/jobs")) {
            o = load.closed(100, 4, latency);
        }
        assertThat(served.get()).isEqualTo(100);
        assertThat(o.ok()).isEqualTo(80);
        assertThat(o.errors()).isEqualTo(20);
        assertThat(latency.size()).isEqualTo(80);
        assertThat(bodies).containsExactlyInAnyOrder("{\"user\":\"a\"}", "{\"user\":\"b\"}");
        assertThat(connections).hasSize(4); // keep-alive: no connection per request
    }

    @Test
    void chunkedAnswersAreReadToTheirLastChunk() throws Exception {
        HttpLoad.Outcome o;
        try (HttpLoad load = load("/v1/jobs?chunked")) {
            o = load.closed(20, 2, null);
        }
        assertThat(o.ok() + o.errors()).isEqualTo(20);
        assertThat(o.errors()).isEqualTo(4);
    }

    @Test
    void openLoopFiresEveryScheduledRequestAndTimesEachAnswer() throws Exception {
        Samples latency = new Samples();
        HttpLoad.Outcome o;
        try (HttpLoad load = load("/v1/jobs")) {
            o = load.open(200, 1, 2, latency);
        }
        assertThat(served.get()).isEqualTo(200);
        assertThat(o.ok()).isEqualTo(160);
        assertThat(o.errors()).isEqualTo(40);
        assertThat(latency.size()).isEqualTo(160);
        assertThat(latency.percentileMs(50)).isPositive();
    }

    @Test
    void aResponseIsCompleteOnlyOnceItsWholeBodyIsIn() {
        String head = "HTTP/1.1 202 Accepted\r\ncontent-length: 10\r\nLocation: /v1/jobs/x\r\n\r\n";
        assertThat(HttpLoad.complete(buffer(head.substring(0, 20)))).isEqualTo(-1);
        assertThat(HttpLoad.complete(buffer(head + "{\"id\":"))).isEqualTo(-1);
        assertThat(HttpLoad.complete(buffer(head + "{\"id\":\"x\"}"))).isEqualTo(202);
        assertThat(HttpLoad.complete(buffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"))).isEqualTo(400);
    }

    private static ByteBuffer buffer(String s) {
        ByteBuffer b = ByteBuffer.allocate(256);
        b.put(s.getBytes(StandardCharsets.US_ASCII));
        return b;
    }
}
