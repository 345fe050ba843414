package io.costq.model.sim;

import io.costq.model.PickPolicy;

/** Runs one policy over a trace on a cluster and returns what the collectors measured. */
public final class Simulator {
    private final ClusterConfig config;
    private final double warmupMs;

    public Simulator(ClusterConfig config, double warmupMs) {
        this.config = config;
        this.warmupMs = warmupMs;
    }

    public SimResult run(Iterable<TraceJob> trace, String policy, SettingsOverrides overrides) {
        return run(trace, policy, PolicyCatalog.create(policy, overrides));
    }

    /** Runs any pick policy on one FIFO queue (for tests of the model itself). */
    public SimResult runFifoPull(Iterable<TraceJob> trace, String name, PickPolicy policy) {
        return run(trace, name, new PullDispatcher(policy, JobTagger.CLAIRVOYANT, new FifoClassQueues(1)));
    }

    /** Pull whenever a core is free, one FIFO queue: an M/M/c queue when costs are exponential. */
    public SimResult runFifoCoreFree(Iterable<TraceJob> trace) {
        return runFifoPull(trace, "fifo-core-free", BaselinePolicies.coreFree());
    }

    private SimResult run(Iterable<TraceJob> trace, String name, Dispatcher dispatcher) {
        Simulation sim = new Simulation();
        ResponseStats stats = new ResponseStats(warmupMs, config);
        Cluster cluster = new Cluster(sim, config, dispatcher, stats);
        JobArrival.scheduleNext(sim, trace.iterator(), cluster);
        sim.run();
        return stats.result(name);
    }
}
