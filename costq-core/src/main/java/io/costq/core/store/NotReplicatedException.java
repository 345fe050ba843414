package io.costq.core.store;

import org.redisson.client.RedisTimeoutException;

/**
 * A write reached its shard's primary but fewer replicas than required confirmed it in time (Redis WAIT), so it is
 * not acknowledged: the caller retries (a submit with an idempotency key gets the same job back). A timeout of
 * Redis's, so the API answers it like Redis being away (503 + Retry-After).
 */
public final class NotReplicatedException extends RedisTimeoutException {
    NotReplicatedException(int replicated, Replicas required) {
        super("the write reached " + replicated + " of " + required.count() + " replicas within " + required.timeoutMs() + " ms");
    }
}
