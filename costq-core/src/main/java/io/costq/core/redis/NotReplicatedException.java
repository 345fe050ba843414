package io.costq.core.redis;

import org.redisson.client.RedisTimeoutException;

/**
 * A submit was written to its shard's primary but fewer replicas than required confirmed it in time (Redis WAIT),
 * so it is not acknowledged: the caller retries (with an idempotency key, to get the same job back). A timeout of
 * Redis's, so the API answers it like Redis being away (503 + Retry-After).
 */
public final class NotReplicatedException extends RedisTimeoutException {
    public NotReplicatedException(String id, int replicated, int required, long timeoutMs) {
        super("job " + id + " reached " + replicated + " of " + required + " replicas within " + timeoutMs + " ms");
    }
}
