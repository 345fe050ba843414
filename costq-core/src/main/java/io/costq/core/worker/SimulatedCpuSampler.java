package io.costq.core.worker;

import java.util.function.IntSupplier;

/**
 * CPU load computed from the node's own CPU-bound tasks: min(1, busy / cores). For replays on one machine where
 * several worker nodes share the real CPU and the real load would mislead each of them.
 */
public final class SimulatedCpuSampler implements CpuSampler {
    private final IntSupplier busyTasks;
    private final int cores;

    public SimulatedCpuSampler(IntSupplier busyTasks, int cores) {
        this.busyTasks = busyTasks;
        this.cores = cores;
    }

    @Override
    public double cpuLoad() {
        return Math.min(1.0, (double) busyTasks.getAsInt() / cores);
    }
}
