package io.costq.core.store;

import io.costq.core.DeliverySettings;
import java.util.Collection;

/**
 * What a node asks of one claim: up to {@code max} jobs of {@code costClass}, held under a lease of
 * {@code leaseMs} from {@code nowMs}.
 *
 * @param report   whether the same round trip also lets due jobs in (retries whose backoff is over) and reports
 *                 every class queue, so the node's next decision needs no extra round trip
 * @param channels the configured delivery channels, whose widths and rates gate the claim
 */
public record Claim(int costClass, int max, String nodeId, long nowMs, long leaseMs, boolean report,
                    Collection<DeliverySettings.Channel> channels) {
}
