package io.costq.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import io.costq.core.store.Keys;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads the audit history {@code setConfig.lua} writes, newest first (and the decision server's, in the same form). */
public final class ConfigHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedissonClient redis;
    private final String historyKey;

    /** @param keys partition 0's, where the live config is kept */
    public ConfigHistory(RedissonClient redis, Keys keys) {
        this(redis, keys.configHistory());
    }

    /** A history in the same form under another key (the decision server's per pool). */
    public ConfigHistory(RedissonClient redis, String historyKey) {
        this.redis = redis;
        this.historyKey = historyKey;
    }

    public List<ConfigHistoryEntry> newest(int limit) {
        List<String> raw = redis.<String>getList(historyKey, StringCodec.INSTANCE).range(0, Math.max(0, limit - 1));
        List<ConfigHistoryEntry> out = new ArrayList<>(raw.size());
        for (String line : raw) out.add(parse(line));
        return out;
    }

    static ConfigHistoryEntry parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            List<ConfigChange> changes = new ArrayList<>();
            // cjson writes an empty array as {}; a change set is never empty, but read it either way
            for (JsonNode c : n.path("changes")) {
                changes.add(new ConfigChange(c.path("key").asText(), text(c.get("old")), text(c.get("new"))));
            }
            return new ConfigHistoryEntry(n.path("version").asLong(), n.path("who").asText(), n.path("at").asLong(), changes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable config history entry: " + line, e);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
