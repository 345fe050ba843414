package io.costq.core.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * Wrapper of {@code submitJobs.lua}: stores jobs of one partition and queues each in its class, atomically, up to
 * {@link #MAX_PER_CALL} per script call (a bigger call would hold Redis for longer than a millisecond).
 */
public final class SubmitJobs {
    private static final LuaScript SCRIPT = LuaScript.load("submitJobs");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs per script call: enough to spread the call's fixed cost, short enough not to stall other clients. */
    public static final int MAX_PER_CALL = 100;

    public enum Code { CREATED, DUPLICATE, ID_TAKEN }

    /**
     * What is stored for a new job. {@code idempotencyKey}, {@code startBy} and {@code owner} may be null.
     * {@code sampleEstimate}: whether this job's estimate joins the recent-estimates sample; {@code publishDone}: whether
     * a caller will wait for it (its completion is then published).
     */
    public record Input(String id, String user, String type, String payloadJson, int costClass, long estimateMs,
                        long nowMs, int maxAttempts, long timeoutMs, String idempotencyKey, long idempotencyWindowMs,
                        Long startBy, String owner, boolean sampleEstimate, boolean publishDone, Delivery delivery) {
    }

    /** Ordered delivery options of a job; {@link #NONE} for a plain job. */
    public record Delivery(String orderingKey, String channel, boolean awaitAck, long ackTimeoutMs) {
        public static final Delivery NONE = new Delivery(null, null, false, 0);
    }

    public record Outcome(Code code, String id) {
    }

    private final RedissonClient redis;
    private final Keys keys;
    private final int recentCap;

    public SubmitJobs(RedissonClient redis, Keys keys, int recentCap) {
        this.redis = redis;
        this.keys = keys;
        this.recentCap = recentCap;
    }

    public Outcome run(Input in) {
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, keysOf(), argsOf(List.of(in)));
        return decode(reply, List.of(in.id())).get(0);
    }

    /**
     * Stores the job, then waits (Redis WAIT, in the same pipeline) until {@code cluster.waitReplicas()} replicas of
     * its shard have the write; fewer within the wait timeout throws {@link NotReplicatedException}. The job is
     * stored on the primary either way: a client retrying should use an idempotency key.
     */
    public Outcome runReplicated(Input in, io.costq.core.ClusterSettings cluster) {
        for (int attempt = 1; ; attempt++) {
            RBatch batch = redis.createBatch(cluster.submitBatchOptions());
            RFuture<List<Object>> reply = runAsync(batch, List.of(in));
            try {
                BatchResult<?> result = batch.execute();
                if (result.getSyncedSlaves() < cluster.waitReplicas()) {
                    throw new NotReplicatedException(in.id(), result.getSyncedSlaves(), cluster.waitReplicas(), cluster.waitTimeoutMs());
                }
                return decode(reply.toCompletableFuture().join(), List.of(in.id())).get(0);
            } catch (RuntimeException e) {
                if (attempt > 1 || !LuaScript.isNoScript(e)) throw e;
                ensureLoaded(); // a new primary (failover) or a restarted one without the script: load it, once
            }
        }
    }

    /** Adds one call for {@code ins} (all of this partition, at most {@link #MAX_PER_CALL}) to a pipeline. */
    public RFuture<List<Object>> runAsync(RBatch batch, List<Input> ins) {
        if (ins.isEmpty() || ins.size() > MAX_PER_CALL) throw new IllegalArgumentException("1.." + MAX_PER_CALL + " jobs per call");
        return SCRIPT.callAsync(batch, RScript.ReturnType.LIST, keysOf(), argsOf(ins));
    }

    public void ensureLoaded() {
        SCRIPT.ensureLoaded(redis, keys.running());
    }

    /** {@link #ensureLoaded} without blocking (the pipelined submits of {@code SubmitCoalescer} run on I/O threads). */
    public RFuture<String> ensureLoadedAsync() {
        return SCRIPT.ensureLoadedAsync(redis);
    }

    /** One outcome per job of the call, in order ({@code ids}: the jobs' own ids, as sent). */
    public static List<Outcome> decode(List<Object> reply, List<String> ids) {
        List<Outcome> out = new ArrayList<>(reply.size());
        for (int i = 0; i < reply.size(); i++) {
            Object v = reply.get(i);
            if (v instanceof String existing) {
                out.add(new Outcome(Code.DUPLICATE, existing));
            } else {
                out.add(new Outcome(LuaValues.asLong(v) == 1 ? Code.CREATED : Code.ID_TAKEN, ids.get(i)));
            }
        }
        return out;
    }

    /** Only the recent-estimates list: the script builds each job's key from {@link Keys#jobPrefix()} and its id. */
    private List<Object> keysOf() {
        return List.of(keys.recentEstimates());
    }

    private Object[] argsOf(List<Input> ins) {
        Object[] a = new Object[7 + 11 * ins.size()];
        a[0] = String.valueOf(recentCap);
        a[1] = String.valueOf(ins.get(0).idempotencyWindowMs());
        a[2] = keys.wakeChannel();
        a[3] = keys.queuePrefix();
        a[4] = keys.idempotencyPrefix();
        a[5] = keys.orderingKeyPrefix();
        a[6] = keys.jobPrefix();
        int i = 7;
        for (Input in : ins) {
            a[i++] = in.id();
            a[i++] = in.user();
            a[i++] = in.type();
            a[i++] = in.payloadJson();
            a[i++] = String.valueOf(in.costClass());
            a[i++] = String.valueOf(in.estimateMs());
            a[i++] = String.valueOf(in.nowMs());
            a[i++] = String.valueOf(in.maxAttempts());
            a[i++] = String.valueOf(in.timeoutMs());
            a[i++] = (in.sampleEstimate() ? "s" : "") + (in.publishDone() ? "w" : "") + (in.delivery().awaitAck() ? "a" : "");
            a[i++] = options(in);
        }
        return a;
    }

    /** The rarely set options as one JSON object of strings ('' when none), so a plain job sends 11 values. */
    private static String options(Input in) {
        Delivery d = in.delivery();
        if (in.idempotencyKey() == null && in.startBy() == null && in.owner() == null && d.orderingKey() == null
                && d.channel() == null && !d.awaitAck()) {
            return "";
        }
        ObjectNode o = JSON.createObjectNode();
        if (in.idempotencyKey() != null) o.put("idem", in.idempotencyKey()).put("idemEnc", Keys.encode(in.idempotencyKey()));
        if (in.startBy() != null) o.put("startBy", String.valueOf(in.startBy()));
        if (in.owner() != null) o.put("owner", in.owner());
        if (d.orderingKey() != null) o.put("okey", d.orderingKey()).put("okeyEnc", Keys.encode(d.orderingKey()));
        if (d.channel() != null) o.put("channel", d.channel());
        if (d.awaitAck()) o.put("ackTimeoutMs", String.valueOf(d.ackTimeoutMs()));
        return o.toString();
    }
}
