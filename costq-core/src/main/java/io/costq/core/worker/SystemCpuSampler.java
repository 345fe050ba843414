package io.costq.core.worker;

import java.lang.management.ManagementFactory;

/**
 * The machine's CPU load from the JVM's operating-system bean, smoothed by an exponential moving average so that
 * a single busy sample does not stop a node from pulling. Sampled at most every {@code minIntervalMs}.
 */
public final class SystemCpuSampler implements CpuSampler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final double alpha;
    private final long minIntervalMs;
    private double smoothed = 0;
    private long lastSampleMs = 0;

    public SystemCpuSampler(double alpha, long minIntervalMs) {
        this.alpha = alpha;
        this.minIntervalMs = minIntervalMs;
    }

    /**
     * A reading averages the last interval (half an interval late on average) and the moving average adds
     * interval × (1 − alpha) / alpha: 375 ms for the worker's 0.5 and 250 ms.
     */
    @Override
    public double lagMs() {
        return minIntervalMs * (0.5 + (1 - alpha) / alpha);
    }

    @Override
    public synchronized double cpuLoad() {
        long now = System.currentTimeMillis();
        if (now - lastSampleMs >= minIntervalMs) {
            double raw = os.getCpuLoad();
            if (raw >= 0) smoothed = lastSampleMs == 0 ? raw : alpha * raw + (1 - alpha) * smoothed;
            lastSampleMs = now;
        }
        return smoothed;
    }
}
