package io.costq.model.sim;

import picocli.CommandLine.Option;

/** The fleet's size and speeds on the command line (a picocli mixin of the trace generator and the simulator). */
final class FleetOptions {
    @Option(names = "--nodes", defaultValue = "5", description = "nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--cores", defaultValue = "8", description = "cores per node (default ${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--speeds", split = ",", description = "relative speed of each node, e.g. 1,1,1,0.7,0.7 (default all 1)")
    double[] speeds;

    /** The given speeds (one per node), or all 1. */
    double[] speeds() {
        if (speeds == null) return TraceSpec.ones(nodes);
        if (speeds.length != nodes) throw new IllegalArgumentException("--speeds must list " + nodes + " values, was " + speeds.length);
        return speeds.clone();
    }
}
