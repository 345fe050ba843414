package io.costq.worker;

import io.costq.core.CostqSettings;
import io.costq.core.config.ConfigSnapshot;
import io.costq.core.config.ConfigWatcher;
import io.costq.core.store.Keys;
import io.costq.core.worker.WorkerEngine;
import io.costq.quarkus.LiveSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * Keeps this node's pick policy, leases and retries on the operator's live config: watches the overrides in
 * Redis (change notice + a poll every second) and hands each new version to {@link WorkerEngine#apply}. A version
 * that does not fit this node's own start-up config is logged and skipped; the node keeps what it runs.
 */
@Singleton
public class WorkerLiveConfig {
    private static final Logger LOG = Logger.getLogger(WorkerLiveConfig.class);
    static final long POLL_MS = 1_000;

    @Inject
    RedissonClient redis;
    @Inject
    CostqSettings settings;
    @Inject
    WorkerLifecycle lifecycle;

    private ConfigWatcher watcher;
    private volatile long version;

    /** After {@link WorkerLifecycle} started the engine (observers of higher priority values run later). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1_000) StartupEvent ev) {
        if (lifecycle.engine() == null) return; // this process does not pull
        watcher = new ConfigWatcher(redis, new Keys(settings.keyPrefix(), 0), POLL_MS, this::apply);
        watcher.start();
    }

    /** Before the engine stops (observers of lower priority values run first). */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent ev) {
        if (watcher != null) watcher.close();
    }

    /** The config version this node runs on (0 = its start-up config). */
    public long version() {
        return version;
    }

    private void apply(ConfigSnapshot snapshot) {
        WorkerEngine engine = lifecycle.engine();
        if (engine == null) return;
        long started = System.nanoTime();
        engine.apply(LiveSettings.resolve(snapshot.overrides(), java.util.Set.of()).costq());
        version = snapshot.version();
        LOG.infof("config version %d applied in %d ms", snapshot.version(), (System.nanoTime() - started) / 1_000_000);
    }
}
