package io.costq.model;

/**
 * The node's running-task count averaged as its CPU meter averages the CPU: an exponential moving average with the
 * meter's time constant, exact for a count that changes in steps. Together with the meter it tells the pick policy
 * how busy the node is now ({@link NodeSnapshot#busyCores()}): a lagging meter still shows tasks that just
 * finished and not yet those just started, and so does this average — their ratio is the CPU share per task.
 * Thread-safe (workers start and end tasks on several threads); the simulator keeps one per node as well.
 */
public final class TaskCountAverage {
    private final double timeConstantMs;
    private double average;
    private int count;
    private long lastMs = Long.MIN_VALUE;

    /** @param timeConstantMs the meter's time constant; 0 = an instantaneous meter (the average is the count) */
    public TaskCountAverage(double timeConstantMs) {
        if (!(timeConstantMs >= 0)) throw new IllegalArgumentException("time constant must be >= 0");
        this.timeConstantMs = timeConstantMs;
    }

    /** The count changed to {@code newCount} at {@code nowMs}. */
    public synchronized void set(long nowMs, int newCount) {
        advance(nowMs);
        count = newCount;
    }

    /** The average at {@code nowMs}. */
    public synchronized double value(long nowMs) {
        advance(nowMs);
        return timeConstantMs == 0 ? count : average;
    }

    private void advance(long nowMs) {
        if (lastMs != Long.MIN_VALUE && nowMs > lastMs && timeConstantMs > 0) {
            average += (1 - Math.exp(-(nowMs - lastMs) / timeConstantMs)) * (count - average);
        }
        lastMs = Math.max(lastMs, nowMs);
    }
}
