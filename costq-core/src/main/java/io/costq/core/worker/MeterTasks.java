package io.costq.core.worker;

import io.costq.model.Clock;
import io.costq.model.TaskCountAverage;

/**
 * The node's runs whose handler has not returned — the tasks its CPU meter can see — averaged with the meter's time
 * constant ({@link TaskCountAverage}; {@code NodeSnapshot.busyCores} divides by it). A run counts from its claim
 * until its handler returns, not until its end is recorded a round trip later: the snapshot stops counting it then
 * too, and a count still holding it would make the node's busy cores look fewer than they are.
 */
final class MeterTasks {
    private final TaskCountAverage average;
    private final Clock clock;
    private int handling; // guarded by this

    MeterTasks(double lagMs, Clock clock) {
        this.average = new TaskCountAverage(lagMs);
        this.clock = clock;
    }

    synchronized void started() {
        average.set(clock.millis(), ++handling);
    }

    synchronized void returned() {
        average.set(clock.millis(), --handling);
    }

    double value(long nowMs) {
        return average.value(nowMs);
    }
}
