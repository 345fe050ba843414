package io.costq.quarkus.worker;

import io.costq.core.CostqSettings;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.PoolMember;
import io.costq.core.worker.CpuSampler;
import io.costq.core.worker.ExecutionLog;
import io.costq.core.worker.SimulatedCpuSampler;
import io.costq.core.worker.SystemCpuSampler;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.quarkus.CostqConfig;
import io.costq.quarkus.LiveConfig;
import io.costq.quarkus.SettingsFactory;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * Starts the app's worker with the application (when {@code costq.worker.enabled}) and stops it gracefully with it:
 * the built-in handlers and the app's {@link io.costq.quarkus.CostqJob} beans ({@link JobHandlers}), advertised and
 * claimed by type. Metrics come from a {@link WorkerListener} bean when the app has one.
 */
@Singleton
public class WorkerLifecycle {
    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    @Inject
    @Identifier("costq")
    RedissonClient redis;
    @Inject
    CostqSettings settings;
    @Inject
    CostqConfig config;
    @Inject
    Clock clock;
    @Inject
    Instance<WorkerListener> listeners;
    @Inject
    JobHandlers handlers;
    @Inject
    LiveConfig live;

    private final AtomicReference<WorkerEngine> engine = new AtomicReference<>();
    private ExecutionLog executionLog;
    private volatile PoolMember member;

    void start(@Observes StartupEvent ev) {
        if (!config.worker().enabled()) {
            LOG.info("costq.worker.enabled=false: this process does not pull jobs");
            return;
        }
        WorkerSettings node = SettingsFactory.worker(config);
        AtomicReference<WorkerEngine> self = engine;
        CpuSampler cpu = switch (config.worker().cpuSource()) {
            case SYSTEM -> new SystemCpuSampler(0.5, 250);
            case SIMULATED -> new SimulatedCpuSampler(() -> self.get() == null ? 0 : self.get().runningCount(), node.cores());
        };
        WorkerListener listener = listeners.isResolvable() ? listeners.get() : WorkerListener.NONE;
        WorkerListener events = listener;
        if (config.worker().executionLog().isPresent()) {
            executionLog = new ExecutionLog(Path.of(config.worker().executionLog().get()), node.nodeId());
            events = WorkerListener.both(listener, executionLog);
        }
        WorkerEngine e = new WorkerEngine(redis, settings, node, handlers.all(new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules()), cpu, clock, events);
        // a server of pool "worker" too (when it has a URI), through the decision server's own registration
        var startUp = io.costq.quarkus.LiveSettings.of(config);
        var route = startUp.route();
        e.gate().pause(startUp.pausedClasses());
        member = new PoolMember(new DecisionServer(redis, settings.keyPrefix(), settings.cluster()), "worker", node.nodeId(),
                node.nodeTtlMs(), () -> route);
        e.afterHeartbeat(snap -> member.report(node.uri(), snap.maxTasks(), snap.running().size(), snap.cpu(), clock.millis()));
        engine.set(e);
        e.reportConfig(live::report); // the config version it runs, with each heartbeat
        e.start();
        // pick policy, leases, retries, paused classes: as the operator's live config says, from now on
        live.followAll(s -> {
            e.apply(s.costq());
            e.gate().pause(s.pausedClasses());
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        WorkerEngine e = engine.getAndSet(null);
        if (member != null) member.leave(clock.millis());
        if (e != null) e.close();
        if (executionLog != null) executionLog.close();
    }

    /** The running engine, or null when this process does not pull. */
    public WorkerEngine engine() {
        return engine.get();
    }
}
