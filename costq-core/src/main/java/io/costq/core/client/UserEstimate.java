package io.costq.core.client;

import java.util.List;

/** A user's run history (newest first), the estimate it gives and the class that estimate falls in. */
public record UserEstimate(String user, List<Long> historyMs, long estimateMs, String source, int costClass) {
}
