package io.costq.worker;

import io.costq.core.CostqSettings;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.PoolMember;
import io.costq.core.types.JobTypes;
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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/** Starts this node's {@link WorkerEngine} with the application and stops it gracefully with it. */
@Singleton
public class WorkerLifecycle {
    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    @Inject
    RedissonClient redis;
    @Inject
    CostqSettings settings;
    @Inject
    CostqConfig config;
    @Inject
    Clock clock;
    @Inject
    WorkerListener listener;
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
        WorkerListener events = listener;
        if (config.worker().executionLog().isPresent()) {
            executionLog = new ExecutionLog(Path.of(config.worker().executionLog().get()), node.nodeId());
            events = WorkerListener.both(listener, executionLog);
        }
        WorkerEngine e = new WorkerEngine(redis, settings, node, handlers(), cpu, clock, events);
        // a server of pool "worker" too (when it has a URI), through the decision server's own registration
        var route = io.costq.quarkus.LiveSettings.of(config).route();
        member = new PoolMember(new DecisionServer(redis, settings.keyPrefix(), settings.cluster()), "worker", node.nodeId(),
                node.nodeTtlMs(), () -> route);
        e.afterHeartbeat(snap -> member.report(node.uri(), snap.maxTasks(), snap.running().size(), snap.cpu(), clock.millis()));
        engine.set(e);
        e.start();
        live.follow(e::apply); // pick policy, leases, retries: as the operator's live config says, from now on
    }

    void stop(@Observes ShutdownEvent ev) {
        WorkerEngine e = engine.getAndSet(null);
        if (member != null) member.leave(clock.millis());
        if (e != null) e.close();
        if (executionLog != null) executionLog.close();
    }

    /**
     * The handlers this node runs: the built-ins (noop, sleep, cpu, http), narrowed to {@code costq.worker.types} when
     * set. It advertises them and claims only their jobs.
     */
    private JobTypes handlers() {
        JobTypes all = JobTypes.builtIns();
        if (config.worker().types().isEmpty()) return all;
        JobTypes chosen = new JobTypes();
        for (String t : config.worker().types().get()) {
            chosen.register(all.find(t).orElseThrow(() -> new IllegalArgumentException(
                    "costq.worker.types names '" + t + "', which this node has no handler for; it has " + all.names())));
        }
        return chosen;
    }

    /** The running engine, or null when this process does not pull. */
    public WorkerEngine engine() {
        return engine.get();
    }
}
