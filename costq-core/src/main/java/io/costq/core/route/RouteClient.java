package io.costq.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Java SDK's side of the decision server: asks any of several API instances which server to connect to,
 * holds the session (renewing it every lease / 3) and releases it. An instance that does not answer (down,
 * timing out, 502/504, or 503 because its Redis is away) is skipped for the next one; the last one that answered
 * is tried first. Every renewal names the session's server and client, so a session lost in a Redis failover is
 * restored by the next renewal.
 * <pre>{@code
 * try (RouteClient routes = RouteClient.builder().apiUrls("http://api-1:8080", "http://api-2:8080").build();
 *      RouteSession s = routes.connect("forex", "user-17")) {
 *     connectTo(s.uri());
 * }
 * }</pre>
 */
public final class RouteClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> apis;
    private final String apiKey;
    private final Duration timeout;
    private final boolean renewAutomatically;
    private final Consumer<RouteSession> onLost;
    private final HttpClient http;
    private final ScheduledExecutorService renewals;
    private final Set<RouteSession> open = ConcurrentHashMap.newKeySet();
    private volatile int preferred;

    private RouteClient(Builder b) {
        if (b.apis.isEmpty()) throw new IllegalArgumentException("name at least one API URL");
        this.apis = b.apis.stream().map(u -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u)).toList();
        this.apiKey = b.apiKey;
        this.timeout = b.timeout;
        this.renewAutomatically = b.renewAutomatically;
        this.onLost = b.onLost;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "costq-route-renewals");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Asks for a server of {@code pool} for {@code clientId}; asking again while connected gives the same session. */
    public RouteSession connect(String pool, String clientId) throws RouteException {
        String q = "/v1/route?pool=" + enc(pool) + "&client=" + enc(clientId);
        HttpResponse<String> r = send("GET", q, null);
        JsonNode n = body(r);
        switch (r.statusCode()) {
            case 200 -> {
                RouteSession s = new RouteSession(this, n.path("session").asText(), pool, clientId, n.path("server").asText(),
                        n.path("uri").asText(), n.path("leaseMs").asLong());
                open.add(s);
                long every = Math.max(100, s.leaseMs() / 3);
                if (renewAutomatically) s.renewal = renewals.scheduleWithFixedDelay(() -> renewQuietly(s), every, every, TimeUnit.MILLISECONDS);
                return s;
            }
            case 404 -> throw failure(RouteException.Reason.UNKNOWN_POOL, r, n);
            case 503 -> throw failure(RouteException.Reason.POOL_FULL, r, n);
            default -> throw failure(RouteException.Reason.REJECTED, r, n);
        }
    }

    /** Renews every open session now (tests step this instead of waiting for the timer). */
    public void renewAll() throws RouteException {
        for (RouteSession s : open) renew(s);
    }

    boolean renew(RouteSession s) throws RouteException {
        if (s.isLost() || s.isClosed()) return !s.isLost();
        String body = JSON.createObjectNode().put("server", s.server()).put("client", s.clientId()).toString();
        HttpResponse<String> r = send("POST", "/v1/sessions/" + enc(s.id()) + "/renew", body);
        if (r.statusCode() == 200) return true;
        if (r.statusCode() != 404) throw failure(RouteException.Reason.REJECTED, r, body(r));
        s.markLost();
        forget(s);
        onLost.accept(s);
        return false;
    }

    void release(RouteSession s) throws RouteException {
        forget(s);
        HttpResponse<String> r = send("DELETE", "/v1/sessions/" + enc(s.id()), null);
        if (r.statusCode() != 204 && r.statusCode() != 404) throw failure(RouteException.Reason.REJECTED, r, body(r));
    }

    /** The sessions held now. */
    public Set<RouteSession> sessions() {
        return Set.copyOf(open);
    }

    /** Releases every open session and stops renewing. */
    @Override
    public void close() {
        for (RouteSession s : open) {
            try {
                s.close();
            } catch (RouteException e) {
                // its lease ends it
            }
        }
        renewals.shutdownNow();
    }

    private void forget(RouteSession s) {
        open.remove(s);
        if (s.renewal != null) s.renewal.cancel(false);
    }

    private void renewQuietly(RouteSession s) {
        try {
            renew(s);
        } catch (RouteException e) {
            // the next round tries again, within the lease
        }
    }

    /** Tries each API instance once, starting with the last that answered; fails over on what an instance cannot help. */
    private HttpResponse<String> send(String method, String pathAndQuery, String json) throws RouteException {
        Exception last = null;
        int retryAfter = 1;
        int start = preferred;
        for (int i = 0; i < apis.size(); i++) {
            int k = (start + i) % apis.size();
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(apis.get(k) + pathAndQuery)).timeout(timeout)
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) req.header("Content-Type", "application/json");
            if (apiKey != null) req.header("Authorization", "Bearer " + apiKey);
            try {
                HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (!instanceFailed(r)) {
                    preferred = k;
                    return r;
                }
                retryAfter = r.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(1);
                last = new IOException(apis.get(k) + " answered " + r.statusCode() + " " + r.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RouteException(RouteException.Reason.UNAVAILABLE, "interrupted", null, 1, e);
            }
        }
        throw new RouteException(RouteException.Reason.UNAVAILABLE, "no API instance answered: " + last, null, retryAfter, last);
    }

    /** 502/504, or a 503 that is not about the pool (the instance's Redis is away): another instance may do better. */
    private static boolean instanceFailed(HttpResponse<String> r) {
        int s = r.statusCode();
        return s == 502 || s == 504 || (s == 503 && !"pool".equals(body(r).path("field").asText(null)));
    }

    private static RouteException failure(RouteException.Reason reason, HttpResponse<String> r, JsonNode n) {
        int retryAfter = r.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(1);
        return new RouteException(reason, r.statusCode() + ": " + n.path("error").asText(r.body()), n.path("field").asText(null),
                retryAfter, null);
    }

    private static JsonNode body(HttpResponse<String> r) {
        try {
            return r.body() == null || r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static final class Builder {
        private List<String> apis = List.of();
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(2);
        private boolean renewAutomatically = true;
        private Consumer<RouteSession> onLost = s -> { };

        /** The API instances, tried in this order at first. */
        public Builder apiUrls(String... urls) {
            this.apis = List.of(urls);
            return this;
        }

        public Builder apiUrls(List<String> urls) {
            this.apis = List.copyOf(urls);
            return this;
        }

        /** A key of any role (sent as a bearer token); none on a loopback dev setup. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Per request, and to connect; then the next instance is tried. */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** False: the application calls {@link RouteSession#renew()} or {@link #renewAll()} itself. */
        public Builder renewAutomatically(boolean on) {
            this.renewAutomatically = on;
            return this;
        }

        /** Called when a renewal finds a session gone for good (its server left): connect again. */
        public Builder onLost(Consumer<RouteSession> callback) {
            this.onLost = callback;
            return this;
        }

        public RouteClient build() {
            return new RouteClient(this);
        }
    }
}
