package io.costq.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.CostqSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Wrapper of {@code submitJobs.lua}: stores jobs of one partition and queues each in its class, atomically, up to
 * {@link #MAX_PER_CALL} per call (a bigger call would hold Redis for longer than a millisecond).
 */
public final class SubmitJobs {
    static final LuaScript SCRIPT = LuaScript.load("submitJobs");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs per script call: enough to spread the call's fixed cost, short enough not to stall other clients. */
    public static final int MAX_PER_CALL = 100;

    /** OVER_CAP: not stored, its tenant has its cap of queued jobs ({@link NewJob.Options#maxQueued}). */
    public enum Kind { CREATED, DUPLICATE, ID_TAKEN, OVER_CAP }

    /** {@code id}: the job's own id, or for a DUPLICATE the id of the job its idempotency key found. */
    public record Outcome(Kind kind, String id) {
    }

    private SubmitJobs() {
    }

    /**
     * One call storing {@code jobs} (all of the partition of {@code keys}); one outcome per job, in order. The jobs
     * are queued at the latest of their preparation times (one value per call); a job's attempts and timeout travel
     * in its options only when they differ from the defaults of {@code limits}.
     */
    static ScriptCall<List<Outcome>> call(Keys keys, List<NewJob> jobs, CostqSettings.JobLimits limits) {
        if (jobs.isEmpty() || jobs.size() > MAX_PER_CALL) throw new IllegalArgumentException("1.." + MAX_PER_CALL + " jobs per call");
        long now = 0;
        for (NewJob j : jobs) now = Math.max(now, j.queuedAtMs());
        Object[] a = new Object[5 + 8 * jobs.size()];
        a[0] = String.valueOf(limits.recentEstimatesCap());
        a[1] = String.valueOf(limits.idempotencyWindowMs());
        a[2] = String.valueOf(now);
        a[3] = String.valueOf(limits.defaultMaxAttempts());
        a[4] = String.valueOf(limits.defaultTimeoutMs());
        int i = 5;
        for (NewJob j : jobs) {
            a[i++] = j.id();
            a[i++] = j.user();
            a[i++] = j.type();
            a[i++] = j.payloadJson();
            a[i++] = String.valueOf(j.costClass());
            a[i++] = String.valueOf(j.estimateMs());
            a[i++] = flags(j);
            a[i++] = options(j, limits);
        }
        return ScriptCall.ofList(SCRIPT, List.of(keys.recentEstimates()), a).map(reply -> decode(reply, jobs));
    }

    private static List<Outcome> decode(List<Object> reply, List<NewJob> jobs) {
        List<Outcome> out = new ArrayList<>(reply.size());
        for (int i = 0; i < reply.size(); i++) {
            Object v = reply.get(i);
            if (v instanceof String existing) {
                out.add(new Outcome(Kind.DUPLICATE, existing));
                continue;
            }
            ScriptCode code = ScriptCode.of(v);
            Kind kind = switch (code) {
                case DONE -> Kind.CREATED;
                case ID_TAKEN -> Kind.ID_TAKEN;
                case OVER_CAP -> Kind.OVER_CAP;
                default -> throw code.unexpected("submitJobs");
            };
            out.add(new Outcome(kind, jobs.get(i).id()));
        }
        return out;
    }

    /** 's' sampled, 'a' awaited, 'k' awaits an ack. */
    static String flags(NewJob j) {
        return (j.sampled() ? "s" : "") + (j.awaited() ? "a" : "") + (j.options().awaitAck() ? "k" : "");
    }

    /** The rarely set options as one JSON object of strings ('' when none): a job without any sends 8 values. */
    static String options(NewJob j, CostqSettings.JobLimits limits) {
        NewJob.Options o = j.options();
        boolean attempts = j.maxAttempts() != limits.defaultMaxAttempts();
        boolean timeout = j.timeoutMs() != limits.defaultTimeoutMs();
        if (o.isNone() && !attempts && !timeout) return "";
        ObjectNode n = JSON.createObjectNode();
        if (o.idempotencyKey() != null) n.put("idem", o.idempotencyKey()).put("idemEnc", Keys.tenantPart(o.tenant(), o.idempotencyKey()));
        if (o.startBy() != null) n.put("startBy", String.valueOf(o.startBy()));
        if (o.owner() != null) n.put("owner", o.owner());
        if (o.orderingKey() != null) n.put("okey", o.orderingKey()).put("okeyEnc", Keys.tenantPart(o.tenant(), o.orderingKey()));
        if (o.channel() != null) n.put("channel", o.channel());
        if (o.costKey() != null) n.put("costKey", o.costKey());
        if (o.awaitAck()) n.put("ackTimeoutMs", String.valueOf(o.ackTimeoutMs()));
        if (attempts) n.put("maxAttempts", String.valueOf(j.maxAttempts()));
        if (timeout) n.put("timeoutMs", String.valueOf(j.timeoutMs()));
        if (o.runAt() != null) n.put("runAt", String.valueOf(o.runAt()));
        if (o.lane() != null) n.put("lane", o.lane());
        if (o.laneMs() != 0) n.put("laneMs", String.valueOf(o.laneMs()));
        if (o.tenant() != null) n.put("tenant", o.tenant());
        if (o.maxQueued() > 0) n.put("cap", String.valueOf(o.maxQueued()));
        return n.toString();
    }
}
