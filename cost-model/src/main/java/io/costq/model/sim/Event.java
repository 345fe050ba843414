package io.costq.model.sim;

/**
 * A discrete event. Events fire in a total, deterministic order: time, then priority (lower first), then the
 * sequence id the {@link Simulation} assigned when it was scheduled.
 */
public abstract class Event {
    /** At equal times, nodes finish work before new jobs arrive, and both before pull timers fire. */
    public static final int NODE_TRANSITION = 0;
    public static final int ARRIVAL = 1;
    public static final int PULL_WAKE = 2;

    final double timeMs;
    final int priority;
    long sequence;

    protected Event(double timeMs, int priority) {
        this.timeMs = timeMs;
        this.priority = priority;
    }

    public double timeMs() {
        return timeMs;
    }

    abstract void fire(Simulation sim);
}
