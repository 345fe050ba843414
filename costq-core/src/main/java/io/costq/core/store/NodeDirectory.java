package io.costq.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The node directory in partition 0: every worker and API instance publishes its state (fields it chooses) with
 * an expiry; an entry that is not refreshed disappears.
 */
public final class NodeDirectory {
    private final RedissonClient redis;
    private final Keys keys;
    private final ScriptExecutor scripts;

    public NodeDirectory(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = new ScriptExecutor(redis);
    }

    /** Publishes the node's state; returns whether an operator asked it to drain (stop pulling, finish its runs). */
    public boolean heartbeat(String nodeId, long nowMs, long ttlMs, Map<String, String> fields) {
        return heartbeat(nodeId, nowMs, ttlMs, fields, List.of());
    }

    /** A heartbeat that also advertises the job types the node handles (each marked seen now); true: asked to drain. */
    public boolean heartbeat(String nodeId, long nowMs, long ttlMs, Map<String, String> fields, List<String> types) {
        return scripts.call(RecordHeartbeat.call(keys, nodeId, nowMs, ttlMs, fields, types)) == 1L;
    }

    /** Every job type a worker has advertised, with when it last did (epoch ms). */
    public Map<String, Long> advertisedTypes() {
        Map<String, String> raw = redis.<String, String>getMap(keys.typesSeen(), StringCodec.INSTANCE).readAllMap();
        Map<String, Long> out = new java.util.TreeMap<>();
        raw.forEach((t, ms) -> out.put(t, Long.parseLong(ms)));
        return out;
    }

    /** Asks a node to drain (it reads this with its next heartbeat); {@code drain} false lets it pull again. */
    public void drain(String nodeId, boolean drain, long nowMs) {
        var drains = redis.<String, String>getMap(keys.drains(), StringCodec.INSTANCE);
        if (drain) drains.fastPut(nodeId, String.valueOf(nowMs)); else drains.fastRemove(nodeId);
    }

    /** Leaves the directory at once (a clean stop; a crashed node leaves when its entry expires). */
    public void leave(String nodeId) {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        batch.getBucket(keys.node(nodeId), StringCodec.INSTANCE).deleteAsync();
        batch.getScoredSortedSet(keys.nodes(), StringCodec.INSTANCE).removeAsync(nodeId);
        batch.execute();
    }

    /** The live nodes' published fields (with {@code id} and {@code lastSeen}); expired entries are left out. */
    public List<Map<String, String>> nodes() {
        Collection<String> ids = redis.<String>getScoredSortedSet(keys.nodes(), StringCodec.INSTANCE).readAll();
        if (ids.isEmpty()) return List.of();
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : ids) futures.add(batch.<String, String>getMap(keys.node(id), StringCodec.INSTANCE).readAllMapAsync());
        batch.execute();
        List<Map<String, String>> out = new ArrayList<>();
        for (RFuture<Map<String, String>> f : futures) {
            Map<String, String> h = f.toCompletableFuture().join();
            if (!h.isEmpty()) out.add(h);
        }
        return out;
    }
}
