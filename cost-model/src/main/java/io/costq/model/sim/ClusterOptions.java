package io.costq.model.sim;

import picocli.CommandLine.Option;

/** The simulated cluster's command-line options, shared by the simulator's mains (a picocli mixin). */
final class ClusterOptions {
    @Option(names = "--nodes", defaultValue = "5", description = "nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--cores", defaultValue = "8", description = "cores per node (default ${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--speeds", split = ",", description = "relative speed of each node, e.g. 1,1,1,0.7,0.7 (default all 1)")
    double[] speeds;

    @Option(names = "--thrash", defaultValue = "0", description = "K: above C CPU-phase tasks each runs at s(C/n)/(1 + K(n-C)/C)")
    double thrash;

    @Option(names = "--io-frac", defaultValue = "0", description = "F: a job runs CPU (1-F)c/2, waits F·c on a downstream, runs CPU (1-F)c/2")
    double ioFrac;

    @Option(names = "--cpu-smoothing-ms", defaultValue = "0", description = "time constant of the CPU meter pull policies see (0 = instantaneous)")
    double cpuSmoothingMs;

    @Option(names = "--node-max-tasks", defaultValue = "256", description = "a node's thread pool: most tasks a pull policy may run (default ${DEFAULT-VALUE})")
    int nodeMaxTasks;

    ClusterConfig config() {
        return new ClusterConfig(nodes, cores, speeds(speeds, nodes), thrash, ioFrac, cpuSmoothingMs, nodeMaxTasks);
    }

    /** The given speeds (one per node), or all 1. */
    static double[] speeds(double[] given, int nodes) {
        if (given == null) return TraceSpec.ones(nodes);
        if (given.length != nodes) throw new IllegalArgumentException("--speeds must list " + nodes + " values, was " + given.length);
        return given.clone();
    }
}
