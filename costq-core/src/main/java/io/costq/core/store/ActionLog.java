package io.costq.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.config.ConfigChange;
import io.costq.core.config.ConfigHistory;
import io.costq.core.config.ConfigHistoryEntry;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * The audit trail of operators' actions on jobs and nodes (retry, delete, cancel, their bulk forms, drains), in the
 * config history's form — who, when, and per target its old and new state — so it reads like the config's:
 * one LPUSH + LTRIM per action (the last {@link #KEEP} kept), in partition 0.
 */
public final class ActionLog {
    static final int KEEP = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final org.redisson.api.RedissonClient redis;
    private final String key;

    public ActionLog(org.redisson.api.RedissonClient redis, Keys global) {
        this.redis = redis;
        this.key = global.actionHistory();
    }

    /** Records one action; {@code changes}: per target ("job 01…", "jobs status=QUEUED&user=u1", "node n1") old -> new. */
    public void record(String who, long atMs, List<ConfigChange> changes) {
        ObjectNode entry = JSON.createObjectNode().put("version", 0).put("who", who).put("at", atMs);
        var list = entry.putArray("changes");
        for (ConfigChange c : changes) list.addObject().put("key", c.key()).put("old", c.oldValue()).put("new", c.newValue());
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        batch.getDeque(key, StringCodec.INSTANCE).addFirstAsync(entry.toString());
        batch.getList(key, StringCodec.INSTANCE).trimAsync(0, KEEP - 1);
        batch.execute();
    }

    public List<ConfigHistoryEntry> newest(int limit) {
        return new ConfigHistory(redis, key).newest(limit);
    }
}
