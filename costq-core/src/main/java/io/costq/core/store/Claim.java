package io.costq.core.store;

import java.util.List;

/**
 * What a node asks of one claim: up to {@code max} jobs of {@code costClass}, held under a lease of
 * {@code leaseMs} from {@code nowMs}. Delivery channels gate it by the settings stored in Redis
 * ({@link ChannelStore#put}), not by the node's own.
 *
 * @param report   whether the same round trip also lets due jobs in (retries whose backoff is over) and reports
 *                 every class queue, so the node's next decision needs no extra round trip
 * @param types    the job types the node handles: it claims (and is told about) only their queues; empty means
 *                 every type (tests and tools, never a worker)
 */
public record Claim(int costClass, int max, String nodeId, long nowMs, long leaseMs, boolean report, List<String> types) {

    /** A claim of any type. */
    public Claim(int costClass, int max, String nodeId, long nowMs, long leaseMs, boolean report) {
        this(costClass, max, nodeId, nowMs, leaseMs, report, List.of());
    }
}
