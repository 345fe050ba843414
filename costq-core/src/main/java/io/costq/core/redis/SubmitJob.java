package io.costq.core.redis;

import java.time.Duration;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code submitJob.lua}: stores a job and queues it in its class, atomically. */
public final class SubmitJob {
    private static final LuaScript SCRIPT = LuaScript.load("submitJob");

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

    public SubmitJob(RedissonClient redis, Keys keys, int recentCap) {
        this.redis = redis;
        this.keys = keys;
        this.recentCap = recentCap;
    }

    public Outcome run(Input in) {
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, keysOf(in), argsOf(in));
        return decode(reply);
    }

    /**
     * Stores the job, then waits (Redis WAIT, in the same pipeline) until {@code replicas} replicas of its shard
     * have the write; fewer within {@code timeoutMs} throws {@link NotReplicatedException}. The job is stored on
     * the primary either way: a client retrying should use an idempotency key.
     */
    public Outcome runReplicated(Input in, int replicas, long timeoutMs) {
        for (int attempt = 1; ; attempt++) {
            RBatch batch = redis.createBatch(BatchOptions.defaults().sync(replicas, Duration.ofMillis(timeoutMs)));
            RFuture<List<Object>> reply = runAsync(batch, in);
            try {
                BatchResult<?> result = batch.execute();
                if (result.getSyncedSlaves() < replicas) {
                    throw new NotReplicatedException(in.id(), result.getSyncedSlaves(), replicas, timeoutMs);
                }
                return decode(reply.toCompletableFuture().join());
            } catch (RuntimeException e) {
                if (attempt > 1 || !LuaScript.isNoScript(e)) throw e;
                ensureLoaded(); // a new primary (failover) or a restarted one without the script: load it, once
            }
        }
    }

    public RFuture<List<Object>> runAsync(RBatch batch, Input in) {
        return SCRIPT.callAsync(batch, RScript.ReturnType.LIST, keysOf(in), argsOf(in));
    }

    public void ensureLoaded() {
        SCRIPT.ensureLoaded(redis, keys.running());
    }

    /** {@link #ensureLoaded} without blocking (the pipelined submits of {@code SubmitCoalescer} run on I/O threads). */
    public RFuture<String> ensureLoadedAsync() {
        return SCRIPT.ensureLoadedAsync(redis);
    }

    public static Outcome decode(List<Object> reply) {
        long code = LuaValues.asLong(reply.get(0));
        Code c = code == 1 ? Code.CREATED : code == 0 ? Code.DUPLICATE : Code.ID_TAKEN;
        return new Outcome(c, LuaValues.asString(reply.get(1)));
    }

    private List<Object> keysOf(Input in) {
        String idem = in.idempotencyKey() == null ? keys.idempotency("") : keys.idempotency(in.idempotencyKey());
        String okey = in.delivery().orderingKey();
        return List.of(keys.job(in.id()), keys.queue(in.costClass()), keys.recentEstimates(), idem,
                okey == null ? keys.orderingKey("") : keys.orderingKey(okey));
    }

    private Object[] argsOf(Input in) {
        return new Object[] {in.id(), in.user(), in.type(), in.payloadJson(), String.valueOf(in.costClass()),
                String.valueOf(in.estimateMs()), String.valueOf(in.nowMs()), String.valueOf(in.maxAttempts()),
                String.valueOf(in.timeoutMs()), in.sampleEstimate() ? String.valueOf(recentCap) : "0",
                in.idempotencyKey() == null ? "" : in.idempotencyKey(), String.valueOf(in.idempotencyWindowMs()),
                keys.wakeChannel(), in.startBy() == null ? "" : String.valueOf(in.startBy()),
                in.owner() == null ? "" : in.owner(), in.publishDone() ? "1" : "0",
                in.delivery().orderingKey() == null ? "" : Keys.encode(in.delivery().orderingKey()),
                in.delivery().orderingKey() == null ? "" : in.delivery().orderingKey(),
                in.delivery().channel() == null ? "" : in.delivery().channel(), in.delivery().awaitAck() ? "1" : "0",
                String.valueOf(in.delivery().ackTimeoutMs())};
    }
}
