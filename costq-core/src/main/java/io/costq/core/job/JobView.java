package io.costq.core.job;

/**
 * A job as stored, read in one step. Numbers that were never set are null.
 *
 * @param awaitAck   whether the job ends only on an external ack (or its ack timeout)
 * @param ack        {@code acked} or {@code timeout} once an ack-awaiting job ended; null before
 * @param ranUntil   when the run of an ack-awaiting job ended (its ack deadline counts from there)
 * @param ackedEarly when an ack came before the run ended
 * @param lane       the lane the submit named; null: the default lane
 * @param schedule   the recurring schedule that fired it; null for a submitted job
 * @param runsJson   the failed attempts as recorded (JSON array of node, startedAt, endedAt, outcome, error); null
 *                   before any failed; the attempt in progress or the last one that did not fail is not in it
 * @param stackTrace the last failed attempt's stack trace (bounded in size), null when none failed
 * @param tenant     the tenant it belongs to ({@link Tenants#DEFAULT} when it was stored without one)
 * @param costKey    the run history it joins when not its user's runs of its type (submit option costKey); null: those
 */
public record JobView(String id, String user, String type, JobState status, int costClass, long estimateMs,
                      String node, int attempts, int maxAttempts, Long queuedAt, Long startedAt, Long finishedAt,
                      Long durationMs, String resultJson, String error, Long runAt, String payloadJson, String owner,
                      Long startBy, boolean cancelRequested, String orderingKey, String channel, boolean awaitAck,
                      String ack, Long ackedAt, Long ranUntil, Long ackedEarly, String lane, String schedule,
                      String runsJson, String stackTrace, String tenant, String costKey) {
}
