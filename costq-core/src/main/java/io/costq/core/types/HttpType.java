package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.InvalidInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {"url": "http://...", "body": {...}}}: POSTs the body as JSON to a downstream and stores its status and
 * response. The request is bounded by the job's deadline; 5xx and connection errors are retryable, 4xx are not.
 * Only hosts on its {@link HostAllowList} ({@code costq.http.allowed-hosts}) are called.
 */
public final class HttpType implements JobType {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HostAllowList hosts;

    /** @param hosts the downstreams it may call (checked at submit and again before each call; redirects are not followed) */
    public HttpType(HostAllowList hosts) {
        this.hosts = hosts;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void validate(JsonNode payload) {
        url(payload);
    }

    @Override
    public Object run(JobContext ctx) throws Exception {
        URI url;
        try {
            url = url(ctx.payload()); // this node's allow-list may be narrower than the submitting API's
        } catch (InvalidInputException e) {
            throw new PermanentFailure(e.getMessage());
        }
        JsonNode body = ctx.payload().get("body");
        long timeout = Math.max(1, ctx.deadlineMs() - System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeout))
                .header("Content-Type", "application/json").header("X-Costq-Job", ctx.jobId())
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "null" : JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) throw new IllegalStateException("downstream answered " + response.statusCode());
        if (response.statusCode() >= 400) {
            throw new PermanentFailure("downstream answered " + response.statusCode() + ": " + truncate(response.body()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", response.statusCode());
        result.put("body", parseOrText(response.body()));
        return result;
    }

    private URI url(JsonNode payload) {
        JsonNode v = payload == null ? null : payload.get("url");
        if (v == null || !v.isTextual()) throw new InvalidInputException("payload.url", "payload.url must be an http(s) URL");
        URI uri;
        try {
            uri = URI.create(v.asText());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("scheme");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("payload.url", "payload.url must be an http(s) URL");
        }
        if (!hosts.allows(uri)) {
            throw new InvalidInputException("payload.url", "payload.url: host " + uri.getHost() + " is not in costq.http.allowed-hosts");
        }
        return uri;
    }

    private static Object parseOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return body;
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
