package io.costq.core.job;

/**
 * A job a node now holds under a lease: its fencing token must accompany every later transition.
 *
 * @param attempt this claim's attempt number (1 for the first run)
 */
public record ClaimedJob(String id, long token, String user, String type, String payloadJson, long estimateMs,
                         int attempt, long timeoutMs, long queuedAtMs, int costClass) {
}
