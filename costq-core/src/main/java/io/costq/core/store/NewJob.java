package io.costq.core.store;

/**
 * A job ready to store: prepared (validated, estimated, classified) and given its id and partition.
 *
 * @param sampled whether its estimate joins the recent-estimates sample
 * @param awaited whether a caller awaits its end (then its end is published on the done channel)
 */
public record NewJob(String id, int partition, String user, String type, String payloadJson, int costClass,
                     long estimateMs, long queuedAtMs, int maxAttempts, long timeoutMs, Options options,
                     boolean sampled, boolean awaited) {

    /**
     * The rarely set parts, any of which may be null (or false): {@link #NONE} for a job without them.
     *
     * @param startBy the job EXPIRES instead of starting after this time (epoch ms)
     * @param owner   the API key name that submitted it
     * @param runAt   the job is SCHEDULED until this time (epoch ms); null: queued at once
     * @param lane    the lane the submit named (null: the default lane, not stored)
     * @param laneMs  its lane's queue-score offset (0: none, not stored)
     * @param costKey the run history it is estimated from and joins, when not its user's runs of its type
     * @param tenant  the tenant it belongs to; null: the default tenant (not stored). Its idempotency and ordering
     *                keys are named under it ({@link Keys#tenantPart})
     * @param maxQueued the tenant's cap on QUEUED or SCHEDULED jobs, checked as it is stored; 0: none
     */
    public record Options(String idempotencyKey, Long startBy, String owner, String orderingKey, String channel,
                          boolean awaitAck, long ackTimeoutMs, Long runAt, String lane, long laneMs,
                          String costKey, String tenant, int maxQueued) {
        public static final Options NONE = new Options(null, null, null, null, null, false, 0, null, null, 0, null);

        public Options(String idempotencyKey, Long startBy, String owner, String orderingKey, String channel,
                       boolean awaitAck, long ackTimeoutMs, Long runAt, String lane, long laneMs, String costKey) {
            this(idempotencyKey, startBy, owner, orderingKey, channel, awaitAck, ackTimeoutMs, runAt, lane, laneMs, costKey, null, 0);
        }

        public Options(String idempotencyKey, Long startBy, String owner, String orderingKey, String channel,
                       boolean awaitAck, long ackTimeoutMs) {
            this(idempotencyKey, startBy, owner, orderingKey, channel, awaitAck, ackTimeoutMs, null, null, 0, null);
        }

        boolean isNone() {
            return idempotencyKey == null && startBy == null && owner == null && orderingKey == null && channel == null
                    && !awaitAck && runAt == null && lane == null && laneMs == 0
                    && costKey == null && tenant == null && maxQueued == 0;
        }
    }
}
