package io.costq.model.sim;

import io.costq.model.PickPolicy;
import java.util.function.Consumer;

/** Runs one policy over a trace on a cluster and returns what the collectors measured. */
public final class Simulator {
    private final ClusterConfig config;
    private final double warmupMs;

    public Simulator(ClusterConfig config, double warmupMs) {
        this.config = config;
        this.warmupMs = warmupMs;
    }

    public SimResult run(Iterable<TraceJob> trace, String policy, SettingsOverrides overrides) {
        return run(trace, policy, overrides, t -> { });
    }

    /** As {@link #run(Iterable, String, SettingsOverrides)}, telling {@code perJob} each job's times as it finishes. */
    public SimResult run(Iterable<TraceJob> trace, String policy, SettingsOverrides overrides, Consumer<JobTimes> perJob) {
        return run(trace, policy, PolicyCatalog.create(policy, overrides), perJob);
    }

    /** Runs any pick policy on one FIFO queue (for tests of the model itself). */
    public SimResult runFifoPull(Iterable<TraceJob> trace, String name, PickPolicy policy) {
        return run(trace, name, new PullDispatcher(policy, JobTagger.CLAIRVOYANT, new FifoClassQueues(1)), t -> { });
    }

    /** Pull whenever a core is free, one FIFO queue: an M/M/c queue when costs are exponential. */
    public SimResult runFifoCoreFree(Iterable<TraceJob> trace) {
        return runFifoPull(trace, "fifo-core-free", BaselinePolicies.coreFree());
    }

    private SimResult run(Iterable<TraceJob> trace, String name, Dispatcher dispatcher, Consumer<JobTimes> perJob) {
        Simulation sim = new Simulation();
        ResponseStats stats = new ResponseStats(warmupMs, config);
        Cluster cluster = new Cluster(sim, config, dispatcher, new PerJob(stats, perJob));
        JobArrival.scheduleNext(sim, trace.iterator(), cluster);
        sim.run();
        return stats.result(name);
    }

    /** Passes every event to the statistics and each finished job's times to the caller. */
    private record PerJob(SimListener stats, Consumer<JobTimes> out) implements SimListener {
        @Override
        public void jobStarted(SimJob job, double nowMs) {
            stats.jobStarted(job, nowMs);
        }

        @Override
        public void jobFinished(SimJob job, double nowMs) {
            stats.jobFinished(job, nowMs);
            out.accept(new JobTimes(job.id, job.trace.arrivalMs(), job.startedMs, nowMs, job.node.index));
        }

        @Override
        public void nodeLoad(int node, double nowMs, int cpuTasks, int running) {
            stats.nodeLoad(node, nowMs, cpuTasks, running);
        }

        @Override
        public void queueWaiting(double nowMs, boolean waiting) {
            stats.queueWaiting(nowMs, waiting);
        }
    }
}
