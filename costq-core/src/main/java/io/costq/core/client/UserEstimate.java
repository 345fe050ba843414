package io.costq.core.client;

import java.util.List;

/**
 * A run history (newest first) — a user's runs of a type, or a cost key's runs — the estimate it gives and the class
 * that estimate falls in.
 */
public record UserEstimate(String user, List<Long> historyMs, long estimateMs, String source, int costClass, String type,
                           String costKey) {
}
