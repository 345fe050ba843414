package io.costq.quarkus;

import io.costq.core.CostqSettings;
import io.costq.core.config.ConfigSnapshot;
import io.costq.core.config.ConfigWatcher;
import io.costq.core.config.ConfigReport;
import io.costq.core.route.DecisionServer;
import io.costq.core.store.ChannelStore;
import io.costq.core.store.JobStore;
import io.costq.core.store.Keys;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * This process's view of the operator's live config, the same in the API and in a worker node: it watches the
 * overrides in Redis (change notice + a poll every second), resolves each new version against this process's
 * start-up config ({@link LiveSettings#resolve}) and hands the settings to the process's one consumer (the API's
 * client, a worker's engine). A version that does not fit this process's start-up config is logged and skipped:
 * the process keeps what it runs, and its {@link #report()} (sent with its heartbeat) says which version and why.
 * The delivery channels' settings of each version applied here are stored in Redis (unless a newer version's are),
 * where every claim reads them: all workers enforce the same widths whatever their own config. So are the route
 * settings of each pool it configures (allowed load, default capacity: {@link DecisionServer#putSettings}), where
 * every admit reads them: all API instances enforce the same allowed load.
 */
@Singleton
public class LiveConfig {
    private static final Logger LOG = Logger.getLogger(LiveConfig.class);
    static final long POLL_MS = 1_000;

    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    RedissonClient redis;
    @Inject
    CostqConfig config;
    @Inject
    CostqSettings settings;

    private volatile Applied current;
    private volatile ConfigReport report = ConfigReport.START_UP;
    private ConfigWatcher watcher;
    private volatile ChannelStore channelStore;
    private volatile DecisionServer decisions;
    private Consumer<LiveSettings> consumer;

    /** The settings in force here, the overrides they came from and their version (0 = the start-up config). */
    public record Applied(long version, Map<String, String> overrides, LiveSettings settings) {
    }

    /** Applies the stored overrides (if any) to {@code apply} before returning, then every new version. */
    public void follow(Consumer<CostqSettings> apply) {
        followAll(s -> apply.accept(s.costq()));
    }

    /** As {@link #follow}, with every live setting (the route's and the paused classes too). */
    public synchronized void followAll(Consumer<LiveSettings> apply) {
        if (watcher != null) throw new IllegalStateException("already following the live config");
        consumer = apply;
        store(0, current().settings()); // start-up configs replace each other until a live version is stored
        watcher = new ConfigWatcher(redis, new Keys(settings.keyPrefix(), 0), POLL_MS, this::apply);
        watcher.start();
    }

    /** Before the apps stop (observers of lower priority values run first). */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent ev) {
        ConfigWatcher w = watcher;
        if (w != null) w.close();
    }

    private ChannelStore channels() {
        ChannelStore c = channelStore;
        if (c == null) channelStore = c = new JobStore(redis, settings).channels();
        return c;
    }

    private DecisionServer decisions() {
        DecisionServer d = decisions;
        if (d == null) decisions = d = new DecisionServer(redis, settings.keyPrefix(), settings.cluster());
        return d;
    }

    /** Claims and admits enforce the stored settings; the first process to apply a version stores them. */
    private void store(long version, LiveSettings s) {
        try {
            channels().put(version, s.costq().delivery().channels().values());
        } catch (RuntimeException e) {
            LOG.warnf("config version %d: channel settings not stored here (%s); another node's apply stores them", version, e);
        }
        try {
            decisions().putSettings(version, s.route());
        } catch (RuntimeException e) {
            LOG.warnf("config version %d: route settings not stored here (%s); another node's apply stores them", version, e);
        }
    }

    public Applied current() {
        Applied a = current;
        if (a == null) current = a = new Applied(0, Map.of(), LiveSettings.of(config));
        return a;
    }

    /** The version in force here. */
    public long version() {
        return current().version();
    }

    /** The version in force here and the newest this process refused since, with the reason. */
    public ConfigReport report() {
        return report;
    }

    /** The newest version this process has looked at, applied or skipped. */
    public long seenVersion() {
        ConfigWatcher w = watcher;
        return w == null ? 0 : w.seenVersion();
    }

    /** Picks up a change made through this process at once, rather than on the notice. */
    public void refresh() {
        ConfigWatcher w = watcher;
        if (w != null) w.checkOnce();
    }

    private void apply(ConfigSnapshot snapshot) {
        long started = System.nanoTime();
        LiveSettings next;
        try {
            next = LiveSettings.resolve(snapshot.overrides(), java.util.Set.of());
            consumer.accept(next);
        } catch (RuntimeException e) {
            report = report.rejected(snapshot.version(), e.getMessage());
            throw e;
        }
        current = new Applied(snapshot.version(), snapshot.overrides(), next);
        report = report.applied(snapshot.version());
        store(snapshot.version(), next);
        LOG.infof("config version %d applied in %d ms: %s; %s", snapshot.version(), (System.nanoTime() - started) / 1_000_000,
                next.costq().describe(), next.route().describe());
    }
}
