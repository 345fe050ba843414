package io.costq.model.sim;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The simulated cluster's command-line options, shared by the simulator's mains (a picocli mixin). */
final class ClusterOptions {
    @Mixin
    FleetOptions fleet;

    @Option(names = "--thrash", defaultValue = "0", description = "K: above C CPU-phase tasks each runs at s(C/n)/(1 + K(n-C)/C)")
    double thrash;

    @Option(names = "--io-frac", defaultValue = "0", description = "F: a job runs CPU (1-F)c/2, waits F·c on a downstream, runs CPU (1-F)c/2")
    double ioFrac;

    @Option(names = "--cpu-smoothing-ms", defaultValue = "0", description = "time constant of the CPU meter pull policies see (0 = instantaneous)")
    double cpuSmoothingMs;

    @Option(names = "--node-max-tasks", defaultValue = "256", description = "a node's thread pool: most tasks a pull policy may run (default ${DEFAULT-VALUE})")
    int nodeMaxTasks;

    @Option(names = "--overhead-ms", defaultValue = "0", description = "a job's end counts this long after its run ends "
            + "(the product's claim round trip and completion write; default ${DEFAULT-VALUE}: instant)")
    double overheadMs;

    ClusterConfig config() {
        return new ClusterConfig(fleet.nodes, fleet.cores, fleet.speeds(), thrash, ioFrac, cpuSmoothingMs, nodeMaxTasks, overheadMs);
    }
}
