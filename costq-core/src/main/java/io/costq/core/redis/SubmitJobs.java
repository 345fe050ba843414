package io.costq.core.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchOptions;
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
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, keysOf(List.of(in)), argsOf(List.of(in)));
        return decode(reply).get(0);
    }

    /**
     * Stores the job, then waits (Redis WAIT, in the same pipeline) until {@code replicas} replicas of its shard
     * have the write; fewer within {@code timeoutMs} throws {@link NotReplicatedException}. The job is stored on
     * the primary either way: a client retrying should use an idempotency key.
     */
    public Outcome runReplicated(Input in, int replicas, long timeoutMs) {
        for (int attempt = 1; ; attempt++) {
            RBatch batch = redis.createBatch(BatchOptions.defaults().sync(replicas, Duration.ofMillis(timeoutMs)));
            RFuture<List<Object>> reply = runAsync(batch, List.of(in));
            try {
                BatchResult<?> result = batch.execute();
                if (result.getSyncedSlaves() < replicas) {
                    throw new NotReplicatedException(in.id(), result.getSyncedSlaves(), replicas, timeoutMs);
                }
                return decode(reply.toCompletableFuture().join()).get(0);
            } catch (RuntimeException e) {
                if (attempt > 1 || !LuaScript.isNoScript(e)) throw e;
                ensureLoaded(); // a new primary (failover) or a restarted one without the script: load it, once
            }
        }
    }

    /** Adds one call for {@code ins} (all of this partition, at most {@link #MAX_PER_CALL}) to a pipeline. */
    public RFuture<List<Object>> runAsync(RBatch batch, List<Input> ins) {
        if (ins.isEmpty() || ins.size() > MAX_PER_CALL) throw new IllegalArgumentException("1.." + MAX_PER_CALL + " jobs per call");
        return SCRIPT.callAsync(batch, RScript.ReturnType.LIST, keysOf(ins), argsOf(ins));
    }

    public void ensureLoaded() {
        SCRIPT.ensureLoaded(redis, keys.running());
    }

    /** One outcome per job of the call, in order. */
    public static List<Outcome> decode(List<Object> reply) {
        List<Outcome> out = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            long code = LuaValues.asLong(reply.get(i));
            Code c = code == 1 ? Code.CREATED : code == 0 ? Code.DUPLICATE : Code.ID_TAKEN;
            out.add(new Outcome(c, LuaValues.asString(reply.get(i + 1))));
        }
        return out;
    }

    private List<Object> keysOf(List<Input> ins) {
        List<Object> k = new ArrayList<>(1 + 4 * ins.size());
        k.add(keys.recentEstimates());
        for (Input in : ins) {
            String okey = in.delivery().orderingKey();
            k.add(keys.job(in.id()));
            k.add(keys.queue(in.costClass()));
            k.add(keys.idempotency(in.idempotencyKey() == null ? "" : in.idempotencyKey()));
            k.add(keys.orderingKey(okey == null ? "" : okey));
        }
        return k;
    }

    private Object[] argsOf(List<Input> ins) {
        Object[] a = new Object[3 + 19 * ins.size()];
        a[0] = String.valueOf(recentCap);
        a[1] = String.valueOf(ins.get(0).idempotencyWindowMs());
        a[2] = keys.wakeChannel();
        int i = 3;
        for (Input in : ins) {
            Delivery d = in.delivery();
            a[i++] = in.id();
            a[i++] = in.user();
            a[i++] = in.type();
            a[i++] = in.payloadJson();
            a[i++] = String.valueOf(in.costClass());
            a[i++] = String.valueOf(in.estimateMs());
            a[i++] = String.valueOf(in.nowMs());
            a[i++] = String.valueOf(in.maxAttempts());
            a[i++] = String.valueOf(in.timeoutMs());
            a[i++] = in.sampleEstimate() ? "1" : "0";
            a[i++] = orEmpty(in.idempotencyKey());
            a[i++] = in.startBy() == null ? "" : String.valueOf(in.startBy());
            a[i++] = orEmpty(in.owner());
            a[i++] = in.publishDone() ? "1" : "0";
            a[i++] = d.orderingKey() == null ? "" : Keys.encode(d.orderingKey());
            a[i++] = orEmpty(d.orderingKey());
            a[i++] = orEmpty(d.channel());
            a[i++] = d.awaitAck() ? "1" : "0";
            a[i++] = String.valueOf(d.ackTimeoutMs());
        }
        return a;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
