package io.costq.core.store;

import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.util.Map;

/** Reads a job hash as the scripts write it. */
final class JobHash {
    private JobHash() {
    }

    /** The job {@code id}'s fields (the id is the key's, not a field). */
    static JobView view(String id, Map<String, String> h) {
        return new JobView(id, h.get("user"), h.get("type"), JobState.valueOf(h.get("status")),
                Integer.parseInt(h.getOrDefault("class", "0")), Long.parseLong(h.getOrDefault("est", "0")), h.get("node"),
                Integer.parseInt(h.getOrDefault("attempts", "0")), Integer.parseInt(h.getOrDefault("maxAttempts", "1")),
                num(h.get("queuedAt")), num(h.get("startedAt")), num(h.get("finishedAt")), num(h.get("durationMs")),
                h.get("result"), h.get("error"), num(h.get("runAt")), h.get("payload"), h.get("owner"),
                num(h.get("startBy")), h.containsKey("cancelRequested"), h.get("orderingKey"), h.get("channel"),
                h.containsKey("awaitAck"), h.get("ack"), num(h.get("ackedAt")),
                num(h.get("ranUntil")), num(h.get("ackedEarly")), h.get("lane"), h.get("schedule"),
                h.get("runs"), h.get("stackTrace"), io.costq.core.job.Tenants.of(h.get("tenant")), h.get("costKey"));
    }

    private static Long num(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }
}
