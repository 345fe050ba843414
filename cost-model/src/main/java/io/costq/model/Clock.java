package io.costq.model;

/**
 * The one source of time for costq's decisions: epoch milliseconds. Production uses {@link #SYSTEM};
 * tests and the simulator use {@link ManualClock} and step it instead of sleeping.
 */
@FunctionalInterface
public interface Clock {
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}
