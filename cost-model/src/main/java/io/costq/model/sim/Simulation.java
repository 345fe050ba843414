package io.costq.model.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/** The event loop: a clock (double ms) and a future-event list in (time, priority, sequence) order. */
public final class Simulation {
    private static final Comparator<Event> ORDER = Comparator.comparingDouble((Event e) -> e.timeMs)
            .thenComparingInt(e -> e.priority)
            .thenComparingLong(e -> e.sequence);

    private final PriorityQueue<Event> future = new PriorityQueue<>(ORDER);
    private long nextSequence;
    private double nowMs;
    private long fired;

    public double nowMs() {
        return nowMs;
    }

    public long fired() {
        return fired;
    }

    public void schedule(Event e) {
        if (e.timeMs < nowMs) throw new IllegalStateException("event in the past: " + e.timeMs + " < " + nowMs);
        e.sequence = nextSequence++;
        future.add(e);
    }

    public void run() {
        Event e;
        while ((e = future.poll()) != null) {
            nowMs = e.timeMs;
            fired++;
            e.fire(this);
        }
    }
}
