package io.costq.core.job;

/**
 * A job a node now holds under a lease: its fencing token must accompany every later transition.
 *
 * @param attempt this claim's attempt number (1 for the first run)
 * @param costKey the cost key it was submitted with (its run joins that history), null for its user's and type's
 * @param tenant  the tenant it belongs to (its run joins that tenant's history); null for the default tenant
 */
public record ClaimedJob(String id, long token, String user, String type, String payloadJson, long estimateMs,
                         int attempt, long timeoutMs, long queuedAtMs, int costClass, String costKey, String tenant) {

    public ClaimedJob(String id, long token, String user, String type, String payloadJson, long estimateMs,
                      int attempt, long timeoutMs, long queuedAtMs, int costClass, String costKey) {
        this(id, token, user, type, payloadJson, estimateMs, attempt, timeoutMs, queuedAtMs, costClass, costKey, null);
    }

    public ClaimedJob(String id, long token, String user, String type, String payloadJson, long estimateMs,
                      int attempt, long timeoutMs, long queuedAtMs, int costClass) {
        this(id, token, user, type, payloadJson, estimateMs, attempt, timeoutMs, queuedAtMs, costClass, null, null);
    }

    /** The history its successful run joins. */
    public io.costq.core.store.History history() {
        return io.costq.core.store.History.of(tenant, user, type, costKey);
    }
}
