package io.costq.model.sim;

/**
 * One row of the scenario matrix: the trace to draw (the seed varies) and the cluster to run it on.
 *
 * @param name     short name, e.g. {@code busy}
 * @param title    what it is, for the report
 * @param trace    the trace (its seed is replaced per run)
 * @param cluster  the simulated cluster (same io-frac as the trace's, so the trace's load is CPU load)
 * @param warmupMs jobs arriving before this are not counted
 * @param flood    a batch export merged into the logins, or null
 */
public record Scenario(String name, String title, TraceSpec trace, ClusterConfig cluster, double warmupMs, BatchFlood flood) {
    public Scenario(String name, String title, TraceSpec trace, ClusterConfig cluster, double warmupMs) {
        this(name, title, trace, cluster, warmupMs, null);
    }

    public Scenario {
        if (trace.ioFrac() != cluster.ioFrac()) throw new IllegalArgumentException(name + ": trace and cluster io-frac differ");
        if (trace.nodes() != cluster.nodes() || trace.cores() != cluster.cores()) throw new IllegalArgumentException(name + ": trace and cluster sizes differ");
    }

    TraceSpec traceFor(long seed) {
        return trace.withSeed(seed);
    }

    /** The jobs of this scenario's trace for a seed: the logins, and the batch flood if it has one. */
    java.util.List<TraceJob> jobsFor(long seed) {
        java.util.List<TraceJob> logins = new TraceGenerator(traceFor(seed)).generate();
        return flood == null ? logins : flood.mergeInto(logins, seed);
    }
}
