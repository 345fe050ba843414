package io.costq.core.route;

/** Why the route client got no session, or could not renew or release one. */
public final class RouteException extends Exception {
    public enum Reason {
        /** Every server of the pool is at its allowed load (or none is live): ask again after {@link #retryAfterSeconds()}. */
        POOL_FULL,
        /** No server ever joined the pool and the admin taught nothing about it: a wrong pool name. */
        UNKNOWN_POOL,
        /** The request was refused (4xx): {@link #field()} names what is wrong. */
        REJECTED,
        /** No API instance answered (all down, or Redis failing over): ask again after {@link #retryAfterSeconds()}. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String field;
    private final int retryAfterSeconds;

    public RouteException(Reason reason, String message, String field, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
