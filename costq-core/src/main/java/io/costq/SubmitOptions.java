package io.costq;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.client.SubmitRequest;
import java.time.Duration;

/**
 * Everything about a submit beyond its type, user and payload; every option is optional (the config's defaults
 * apply). Immutable: {@code SubmitOptions.builder().orderingKey("room-7").maxAttempts(5).build()}.
 */
public final class SubmitOptions {
    public static final SubmitOptions DEFAULTS = builder().build();

    private final String idempotencyKey;
    private final String orderingKey;
    private final String channel;
    private final boolean awaitAck;
    private final Duration ackTimeout;
    private final Duration timeout;
    private final Duration startWithin;
    private final Integer maxAttempts;
    private final String costKey;
    private final Duration delay;
    private final java.time.Instant runAt;
    private final String lane;

    private SubmitOptions(Builder b) {
        this.idempotencyKey = b.idempotencyKey;
        this.orderingKey = b.orderingKey;
        this.channel = b.channel;
        this.awaitAck = b.awaitAck;
        this.ackTimeout = b.ackTimeout;
        this.timeout = b.timeout;
        this.startWithin = b.startWithin;
        this.maxAttempts = b.maxAttempts;
        this.costKey = b.costKey;
        this.delay = b.delay;
        this.runAt = b.runAt;
        this.lane = b.lane;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request the core client stores (validated there: a bad option throws with the field's name). */
    SubmitRequest toRequest(String type, String user, JsonNode payload) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, millis(timeout), millis(startWithin),
                orderingKey, channel, awaitAck ? Boolean.TRUE : null, millis(ackTimeout), millis(delay), runAt, lane, costKey);
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    public static final class Builder {
        private String idempotencyKey;
        private String orderingKey;
        private String channel;
        private boolean awaitAck;
        private Duration ackTimeout;
        private Duration timeout;
        private Duration startWithin;
        private Integer maxAttempts;
        private String costKey;
        private Duration delay;
        private java.time.Instant runAt;
        private String lane;

        private Builder() {
        }

        /** A repeated submit with this key within the idempotency window returns the first job. */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** Jobs of one ordering key run strictly one at a time, in submit order. */
        public Builder orderingKey(String key) {
            this.orderingKey = key;
            return this;
        }

        /** A configured delivery channel, whose width and rate bound this job's runs cluster-wide. */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /** The job is done only when acked or when its ack timeout passes (null: the configured default). */
        public Builder awaitAck(Duration ackTimeout) {
            this.awaitAck = true;
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** The run's timeout (default from config). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The job EXPIRES instead of starting if no worker claims it within this. */
        public Builder startWithin(Duration startWithin) {
            this.startWithin = startWithin;
            return this;
        }

        /** Attempts before the job is DEAD (default from config). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Whose run history estimates this job. By default the user's runs of the job's type; jobs that name the same
         * cost key share one history (two types that cost alike), a distinct key splits a type's history.
         */
        public Builder costKey(String costKey) {
            this.costKey = costKey;
            return this;
        }

        /** The job is SCHEDULED and becomes due this long after the submit (not with {@link #runAt}). */
        public Builder delay(Duration delay) {
            this.delay = delay;
            this.runAt = null;
            return this;
        }

        /** The job is SCHEDULED until this time (a past time is due at once; not with {@link #delay}). */
        public Builder runAt(java.time.Instant runAt) {
            this.runAt = runAt;
            this.delay = null;
            return this;
        }

        /**
         * A configured lane ({@code interactive}, {@code batch}, ...): within a cost class a lane's jobs queue behind
         * others by its offset ({@code costq.lanes.<name>.offset-ms}); null: the default lane.
         */
        public Builder lane(String lane) {
            this.lane = lane;
            return this;
        }

        public SubmitOptions build() {
            return new SubmitOptions(this);
        }
    }
}
