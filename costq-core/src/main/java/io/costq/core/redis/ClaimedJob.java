package io.costq.core.redis;

/** A job this node now holds: its fencing token must accompany every later transition. */
public record ClaimedJob(String id, long token, String user, String type, String payloadJson, long estimateMs,
                         int attempt, long timeoutMs, long queuedAtMs, int costClass) {
}
