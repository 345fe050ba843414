package io.costq.core.worker;

/** The node's CPU load in [0, 1] as the pick policy sees it. */
@FunctionalInterface
public interface CpuSampler {
    double cpuLoad();

    /** How far the reading lags the load: its time constant, ms (0 = instantaneous). */
    default double lagMs() {
        return 0;
    }
}
