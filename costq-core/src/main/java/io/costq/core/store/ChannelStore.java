package io.costq.core.store;

import io.costq.core.DeliverySettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery channels' settings held in Redis, the ones every claim enforces: width, rate and pause, stored in
 * each partition ({@code putChannels.lua}) by whoever applies a config version first, so a node running an older
 * config (or another start-up file) still claims by the same width.
 */
public final class ChannelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelStore.class);
    private final RedissonClient redis;
    private final ScriptExecutor scripts;
    private final Partitions partitions;

    ChannelStore(RedissonClient redis, ScriptExecutor scripts, Partitions partitions) {
        this.redis = redis;
        this.scripts = scripts;
        this.partitions = partitions;
    }

    /** The settings as stored, with the config version they came from (-1: none stored yet). */
    public record Stored(long version, Map<String, DeliverySettings.Channel> channels) {
    }

    /**
     * Stores the channels of config {@code version} in every partition where an older version's are (or none; or,
     * for version 0, a start-up config's). Answers true when any partition took them.
     */
    public boolean put(long version, Collection<DeliverySettings.Channel> channels) {
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        List<CompletableFuture<Boolean>> each = new ArrayList<>();
        for (Keys k : partitions.all()) each.add(pipeline.add(PutChannels.call(k, version, channels)));
        pipeline.send();
        boolean any = false;
        for (var f : each) any |= ScriptExecutor.join(f);
        return any;
    }

    /**
     * The start-up config's channels (version 0), stored unless a live config version's are (the node started last
     * sets them; a live config version replaces them). A failure is logged: the next config version stores them.
     */
    public void putStartUp(Collection<DeliverySettings.Channel> channels) {
        try {
            put(0, channels);
        } catch (RuntimeException e) {
            LOG.warn("could not store the start-up channel settings: {}", e.toString());
        }
    }

    /** The settings stored in partition 0 (every partition holds the same once a version is applied). */
    public Stored stored() {
        Map<String, String> raw = redis.<String, String>getMap(partitions.global().channelSettings(), StringCodec.INSTANCE).readAllMap();
        Map<String, DeliverySettings.Channel> out = new TreeMap<>();
        raw.forEach((name, v) -> {
            if (name.startsWith("#")) return;
            String[] f = v.split(" ");
            out.put(name, new DeliverySettings.Channel(name, Integer.parseInt(f[0]), Double.parseDouble(f[1]), "1".equals(f[2])));
        });
        String version = raw.get("#version");
        return new Stored(version == null ? -1 : Long.parseLong(version), out);
    }
}
