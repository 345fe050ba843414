package io.costq.core.job;

/**
 * A job as stored, read in one step. Numbers that were never set are null.
 *
 * @param awaitAck   whether the job ends only on an external ack (or its ack timeout)
 * @param ack        {@code acked} or {@code timeout} once an ack-awaiting job ended; null before
 * @param ranUntil   when the run of an ack-awaiting job ended (its ack deadline counts from there)
 * @param ackedEarly when an ack came before the run ended
 * @param stackTrace the last failed attempt's stack trace (bounded in size), null when none failed
 */
public record JobView(String id, String user, String type, JobState status, int costClass, long estimateMs,
                      String node, int attempts, int maxAttempts, Long queuedAt, Long startedAt, Long finishedAt,
                      Long durationMs, String resultJson, String error, Long runAt, String payloadJson, String owner,
                      Long startBy, boolean cancelRequested, String orderingKey, String channel, boolean awaitAck,
                      String ack, Long ackedAt, Long ranUntil, Long ackedEarly, String stackTrace) {
}
