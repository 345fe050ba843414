package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.model.ManualClock;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Puts jobs into the state a test starts from, through the real transitions: {@code jobs.job().user("u")
 * .maxAttempts(1).running("n1")}. A new user's job lands in the prior's class ({@link #PRIOR_CLASS}).
 */
final class JobFixture {
    static final int PRIOR_CLASS = 1;
    static final long LEASE_MS = 30_000;

    private final CostqClient client;
    private final JobStore store;
    private final ManualClock clock;
    private final RedissonClient redis;

    JobFixture(CostqClient client, JobStore store, ManualClock clock, RedissonClient redis) {
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.redis = redis;
    }

    /** Gives {@code user} a run history of {@code ms} per noop run, so its next jobs are estimated at that (12 s: class 3). */
    void history(String user, long ms) {
        String key = History.of(user, "noop", null).key(store.partitions());
        for (int i = 0; i < 3; i++) redis.getList(key, StringCodec.INSTANCE).add(String.valueOf(ms));
    }

    Builder job() {
        return new Builder();
    }

    /** Claims up to {@code max} jobs of class {@code k} for {@code node}, with a lease of {@code leaseMs}. */
    List<ClaimedJob> claim(int k, int max, String node, long leaseMs) {
        return store.claim(0, new Claim(k, max, node, clock.millis(), leaseMs, false)).jobs();
    }

    List<ClaimedJob> claim(String node) {
        return claim(PRIOR_CLASS, 10, node, LEASE_MS);
    }

    final class Builder {
        private String user = "u";
        private Integer maxAttempts;
        private Long startWithinMs;
        private String idempotencyKey;
        private String orderingKey;
        private String channel;
        private Boolean awaitAck;

        Builder user(String u) {
            user = u;
            return this;
        }

        Builder maxAttempts(int n) {
            maxAttempts = n;
            return this;
        }

        Builder startWithin(long ms) {
            startWithinMs = ms;
            return this;
        }

        Builder idempotencyKey(String k) {
            idempotencyKey = k;
            return this;
        }

        Builder orderingKey(String k) {
            orderingKey = k;
            return this;
        }

        Builder channel(String c) {
            channel = c;
            return this;
        }

        Builder awaitingAck() {
            awaitAck = true;
            return this;
        }

        SubmitRequest request() {
            return new SubmitRequest(user, "noop", null, idempotencyKey, maxAttempts, null, startWithinMs)
                    .withDelivery(orderingKey, channel, awaitAck, null);
        }

        /** Submitted: QUEUED in its class (or behind its ordering key). Returns its id. */
        String queued() {
            return client.submit(request()).id();
        }

        /** Submitted and claimed by {@code node} under a lease of {@code leaseMs}: RUNNING. */
        ClaimedJob running(String node, long leaseMs) {
            String id = queued();
            List<ClaimedJob> claimed = claim(client.get(id).orElseThrow().costClass(), 1, node, leaseMs);
            assertThat(claimed).extracting(ClaimedJob::id).as("the fixture's claim").containsExactly(id);
            return claimed.get(0);
        }

        ClaimedJob running(String node) {
            return running(node, LEASE_MS);
        }

        /** Run once and failed with no attempt left: DEAD. Returns its id. */
        String dead() {
            maxAttempts = 1;
            ClaimedJob job = running("n1");
            assertThat(store.fail(job, "boom", clock.millis(), clock.millis(), 1)).isEqualTo(FailJob.Outcome.DEAD);
            return job.id();
        }
    }
}
