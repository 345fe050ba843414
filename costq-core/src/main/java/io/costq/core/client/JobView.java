package io.costq.core.client;

import io.costq.core.job.JobState;
import java.util.Map;

/** A job as stored, read in one HGETALL. Numbers that were never set are null. */
public record JobView(String id, String user, String type, JobState status, int costClass, long estimateMs,
                      String node, int attempts, int maxAttempts, Long queuedAt, Long startedAt, Long finishedAt,
                      Long durationMs, String resultJson, String error, Long runAt, String payloadJson, String owner,
                      Long startBy, boolean cancelRequested, String orderingKey, String channel, boolean awaitAck,
                      String ack, Long ackedAt) {

    /** The job {@code id}'s hash (the id is the key's, not a field: a hash stored before 2de998d's successor has it too). */
    static JobView of(String id, Map<String, String> h) {
        return new JobView(id, h.get("user"), h.get("type"), JobState.valueOf(h.get("status")),
                Integer.parseInt(h.getOrDefault("class", "0")), Long.parseLong(h.getOrDefault("est", "0")), h.get("node"),
                Integer.parseInt(h.getOrDefault("attempts", "0")), Integer.parseInt(h.getOrDefault("maxAttempts", "1")),
                num(h.get("queuedAt")), num(h.get("startedAt")), num(h.get("finishedAt")), num(h.get("durationMs")),
                h.get("result"), h.get("error"), num(h.get("runAt")), h.get("payload"), h.get("owner"),
                num(h.get("startBy")), h.containsKey("cancelRequested"), h.get("orderingKey"), h.get("channel"),
                h.containsKey("awaitAck"), h.get("ack"), num(h.get("ackedAt")));
    }

    private static Long num(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }
}
