package io.costq.core.store;

import io.costq.core.DeliverySettings;
import java.util.Collection;
import java.util.List;

/**
 * What a node asks of one claim: up to {@code max} jobs of {@code costClass}, held under a lease of
 * {@code leaseMs} from {@code nowMs}.
 *
 * @param report   whether the same round trip also lets due jobs in (retries whose backoff is over) and reports
 *                 every class queue, so the node's next decision needs no extra round trip
 * @param channels the configured delivery channels, whose widths and rates gate the claim
 * @param types    the job types the node handles: it claims (and is told about) only their queues; empty means
 *                 every type (tests and tools, never a worker)
 */
public record Claim(int costClass, int max, String nodeId, long nowMs, long leaseMs, boolean report,
                    Collection<DeliverySettings.Channel> channels, List<String> types) {

    /** A claim of any type. */
    public Claim(int costClass, int max, String nodeId, long nowMs, long leaseMs, boolean report,
                 Collection<DeliverySettings.Channel> channels) {
        this(costClass, max, nodeId, nowMs, leaseMs, report, channels, List.of());
    }
}
