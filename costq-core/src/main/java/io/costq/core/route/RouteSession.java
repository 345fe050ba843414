package io.costq.core.route;

import java.util.concurrent.ScheduledFuture;

/**
 * A session the route client holds: the server to connect to, kept alive by renewals until {@link #close()}
 * releases it. {@link #isLost()} turns true when a renewal found it gone and could not restore it (its server left):
 * the application should connect again.
 */
public final class RouteSession implements AutoCloseable {
    private final RouteClient client;
    private final String id;
    private final String pool;
    private final String clientId;
    private final String server;
    private final String uri;
    private final long leaseMs;
    private volatile boolean lost;
    private volatile boolean closed;
    volatile ScheduledFuture<?> renewal;

    RouteSession(RouteClient client, String id, String pool, String clientId, String server, String uri, long leaseMs) {
        this.client = client;
        this.id = id;
        this.pool = pool;
        this.clientId = clientId;
        this.server = server;
        this.uri = uri;
        this.leaseMs = leaseMs;
    }

    public String id() {
        return id;
    }

    public String pool() {
        return pool;
    }

    public String clientId() {
        return clientId;
    }

    public String server() {
        return server;
    }

    public String uri() {
        return uri;
    }

    public long leaseMs() {
        return leaseMs;
    }

    public boolean isLost() {
        return lost;
    }

    boolean isClosed() {
        return closed;
    }

    void markLost() {
        lost = true;
    }

    /** Renews now (the client also does so every lease / 3). False when the session is lost. */
    public boolean renew() throws RouteException {
        return client.renew(this);
    }

    /** Releases the session: its slot is free at once. Idempotent. */
    @Override
    public void close() throws RouteException {
        if (closed) return;
        closed = true;
        client.release(this);
    }

    @Override
    public String toString() {
        return id + " -> " + server + " (" + uri + ")";
    }
}
