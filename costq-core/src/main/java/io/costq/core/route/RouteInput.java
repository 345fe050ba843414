package io.costq.core.route;

import io.costq.core.InvalidInputException;
import java.net.URI;
import java.util.regex.Pattern;

/** Checks what callers name: pools, clients, servers, URIs and reported figures; a bad one fails naming its field. */
public final class RouteInput {
    /** Pool names are also config key parts ({@code costq.route.allowed-load.<pool>}), hence the same alphabet. */
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final int MAX_CAPACITY = 10_000_000;

    private RouteInput() {
    }

    public static String pool(String pool) {
        if (pool == null || !POOL.matcher(pool).matches()) {
            throw new InvalidInputException("pool", "pool is required: 1..64 of A-Z a-z 0-9 . _ -");
        }
        return pool;
    }

    public static String client(String client) {
        return id("client", client, 200);
    }

    public static String server(String server) {
        return id("server", server, 128);
    }

    public static String uri(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > 2048) throw new InvalidInputException("uri", "uri is required (1..2048 characters)");
        try {
            if (URI.create(uri).getScheme() == null) throw new IllegalArgumentException("no scheme");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("uri", "uri must be an absolute URI such as tcp://host:port, was '" + uri + "'");
        }
        return uri;
    }

    /** A capacity in sessions: 1..10,000,000; null stays null (not given). */
    public static Integer capacity(String field, Integer capacity) {
        if (capacity != null && (capacity < 1 || capacity > MAX_CAPACITY)) {
            throw new InvalidInputException(field, field + " must be in 1.." + MAX_CAPACITY + ", was " + capacity);
        }
        return capacity;
    }

    public static int load(Integer load) {
        if (load == null) return 0;
        if (load < 0 || load > MAX_CAPACITY) throw new InvalidInputException("load", "load must be in 0.." + MAX_CAPACITY + ", was " + load);
        return load;
    }

    /** A utilization: CPU busy fraction or any indicator scaled so that 1.0 is saturated; 0..100. */
    public static Double utilization(Double u) {
        if (u != null && !(u >= 0 && u <= 100)) {
            throw new InvalidInputException("utilization", "utilization must be in 0..100 (1.0 = saturated), was " + u);
        }
        return u;
    }

    private static String id(String field, String id, int max) {
        if (id == null || id.isEmpty() || id.length() > max || id.isBlank()) {
            throw new InvalidInputException(field, field + " is required (1.." + max + " characters)");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) throw new InvalidInputException(field, field + " must not contain control characters");
        }
        return id;
    }
}
