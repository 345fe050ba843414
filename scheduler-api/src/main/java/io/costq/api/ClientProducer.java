package io.costq.api;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.store.NodeDirectory;
import io.costq.core.store.Partitions;
import io.costq.core.types.AdvertisedTypes;
import io.costq.core.types.JobTypes;
import io.costq.quarkus.CostqConfig;
import io.costq.core.worker.Reaper;
import io.costq.model.Clock;
import io.costq.quarkus.LiveConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * The API's CostqClient, plus the API's two timers: re-reading the recent estimates (cold start, adaptive
 * bounds) and reaping expired leases, so jobs of crashed workers come back even when no worker runs a reaper.
 */
@Singleton
public class ClientProducer {
    private static final Logger LOG = Logger.getLogger(ClientProducer.class);

    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    RedissonClient redis;
    @Inject
    CostqSettings settings;
    @Inject
    Clock clock;
    @Inject
    CostqConfig config;

    private volatile CostqClient client;
    private volatile AdvertisedTypes gate;
    private volatile Reaper reaper;
    private volatile io.costq.core.client.Timekeeper timekeeper;

    @Produces
    @Singleton
    CostqClient client() {
        NodeDirectory directory = new NodeDirectory(redis, new Partitions(settings.keyPrefix(), settings.partitions()).global());
        // declared types, plus those run by workers in other languages over the HTTP protocol (costq.jobs.remote-types)
        var declared = new java.util.TreeSet<>(config.types().declared().orElse(java.util.List.of()));
        config.jobs().remoteTypes().ifPresent(declared::addAll);
        gate = new AdvertisedTypes(directory::advertisedTypes, declared, config.types().advertisedWindowMs(),
                JobTypes.builtIns(io.costq.quarkus.SettingsFactory.httpHosts(config)), clock);
        client = new CostqClient(redis, settings, gate, clock);
        reaper = new Reaper(client.store()); // every partition, on the live settings the client applies
        return client;
    }

    /** Recurring schedules on the API's client. */
    @Produces
    @Singleton
    io.costq.core.client.Schedules schedules(CostqClient c) {
        return new io.costq.core.client.Schedules(c);
    }

    /**
     * Every API instance runs the timekeeper (costq.schedules.enabled): due delayed jobs are promoted and due schedule
     * ticks fired every costq.schedules.tick-ms; the scripts make several instances harmless.
     */
    void startTimekeeper(@Observes StartupEvent ev, CostqClient c, io.costq.quarkus.CostqConfig config) {
        var s = config.schedules();
        if (!s.enabled()) return;
        timekeeper = new io.costq.core.client.Timekeeper(c, new io.costq.core.client.ScheduleTicker.Settings(s.misfireMs(), s.jobsKept()), clock);
        timekeeper.start(s.tickMs());
        LOG.infof("timekeeper: delayed jobs and schedule ticks every %d ms", s.tickMs());
    }

    void stopTimekeeper(@Observes io.quarkus.runtime.ShutdownEvent ev) {
        if (timekeeper != null) timekeeper.close();
    }

    /**
     * The types this API accepts: declared in config or advertised by a worker within the window (else 400 naming
     * {@code type}); the built-ins' payloads are checked here, whichever workers run them.
     */
    public AdvertisedTypes types() {
        return gate;
    }

    /** The client follows the operator's live config (estimator, classes, job limits) from the start. */
    void followLiveConfig(@Observes StartupEvent ev, CostqClient c, LiveConfig live) {
        live.follow(c::apply);
    }

    void close(@Disposes CostqClient c) {
        c.close();
    }

    @Scheduled(every = "${costq.classes.refresh-ms:5000}ms", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshClassification() {
        if (client == null) return;
        try {
            client.refreshEstimates();
        } catch (RuntimeException e) {
            LOG.debugf("classification refresh failed: %s", e);
        }
    }

    @Scheduled(every = "${costq.lease.reap-every-ms:1000}ms", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        if (reaper == null) return;
        try {
            var o = reaper.reapOnce(clock.millis(), 100);
            if (o.requeued() + o.dead() > 0) LOG.infof("reaper: %d requeued, %d dead after lease expiry", o.requeued(), o.dead());
        } catch (RuntimeException e) {
            LOG.debugf("reaper failed: %s", e);
        }
    }
}
