package io.costq.api;

import io.costq.core.client.CostqClient;
import io.costq.core.config.ConfigSnapshot;
import io.costq.core.config.ConfigWatcher;
import io.costq.quarkus.LiveSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * This API instance's view of the live config: watches the operator's overrides in Redis (change notice + a poll
 * every second) and applies each new version to the {@link CostqClient} (estimator, classes, job limits) and to
 * the decision server's route settings, without a restart.
 */
@Singleton
public class LiveConfig {
    private static final Logger LOG = Logger.getLogger(LiveConfig.class);
    static final long POLL_MS = 1_000;

    @Inject
    RedissonClient redis;
    @Inject
    CostqClient client;
    @Inject
    io.costq.quarkus.CostqConfig config;

    private volatile Applied current;
    private ConfigWatcher watcher;

    /** The settings in force here, the overrides they came from and their version. */
    public record Applied(long version, java.util.Map<String, String> overrides, LiveSettings settings) {
    }

    void start(@Observes StartupEvent ev) {
        current = new Applied(0, java.util.Map.of(), LiveSettings.of(config));
        watcher = new ConfigWatcher(redis, client.keys(), POLL_MS, this::apply);
        watcher.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (watcher != null) watcher.close();
    }

    public Applied current() {
        return current;
    }

    /** Picks up a change made through this instance at once, rather than on the notice. */
    public void refresh() {
        watcher.checkOnce();
    }

    private void apply(ConfigSnapshot snapshot) {
        long started = System.nanoTime();
        LiveSettings next = LiveSettings.resolve(snapshot.overrides(), java.util.Set.of());
        client.apply(next.costq());
        current = new Applied(snapshot.version(), snapshot.overrides(), next);
        LOG.infof("config version %d applied in %d ms: %s; %s", snapshot.version(), (System.nanoTime() - started) / 1_000_000,
                next.costq().describe(), next.route().describe());
    }
}
