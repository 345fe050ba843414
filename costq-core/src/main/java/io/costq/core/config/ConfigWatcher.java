package io.costq.core.config;

import io.costq.core.store.Keys;
import io.costq.core.store.ScriptExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every new version of the live config to a listener: at once when a change is published, and by polling
 * the version every {@code pollMs} in case a message was missed (a reconnect, a node that subscribed late). The
 * listener runs on the watcher's own thread, one version at a time, newest only. A listener that fails (the
 * change does not fit this node's start-up config) is logged; the version counts as seen, so it is not retried
 * until the next change.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final RedissonClient redis;
    private final Keys keys;
    private final ReadConfig read;
    private final long pollMs;
    private final Consumer<ConfigSnapshot> listener;
    private final ScheduledExecutorService thread;
    private final RTopic topic;
    private int subscription = -1;
    private long seen;

    public ConfigWatcher(RedissonClient redis, Keys keys, long pollMs, Consumer<ConfigSnapshot> listener) {
        this.redis = redis;
        this.keys = keys;
        this.read = new ReadConfig(new ScriptExecutor(redis), keys);
        this.pollMs = pollMs;
        this.listener = listener;
        this.topic = redis.getTopic(keys.configChannel(), StringCodec.INSTANCE);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "costq-config-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Applies the current overrides (if any) before returning, then watches. */
    public synchronized void start() {
        checkQuietly();
        try {
            subscription = topic.addListener(String.class, (ch, version) -> thread.execute(this::checkQuietly));
        } catch (RuntimeException e) {
            LOG.warn("cannot subscribe to config changes ({}); polling every {} ms only", e.toString(), pollMs);
        }
        thread.scheduleWithFixedDelay(this::checkQuietly, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    /** One check: returns true when a new version was handed to the listener. Tests call it directly. */
    public synchronized boolean checkOnce() {
        String raw = redis.<String>getBucket(keys.configVersion(), StringCodec.INSTANCE).get();
        long version = raw == null ? 0 : Long.parseLong(raw);
        if (version == seen) return false;
        ConfigSnapshot snapshot = read.run();
        seen = snapshot.version();
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.error("config version {} not applied on this node: {}", snapshot.version(), e.getMessage());
        }
        return true;
    }

    /** The version last handed to the listener (0 = start-up config). */
    public synchronized long seenVersion() {
        return seen;
    }

    private void checkQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.debug("config check failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (subscription >= 0) topic.removeListener(subscription);
        } catch (RuntimeException e) {
            LOG.debug("could not unsubscribe: {}", e.toString());
        }
    }
}
