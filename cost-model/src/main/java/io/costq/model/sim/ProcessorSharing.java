package io.costq.model.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One node's cores under processor sharing — the one model of a shared CPU, used by the simulator's {@link SimNode}
 * and by the live replay's virtual CPU ({@code bench/replay/VirtualCpu}). The n tasks present each progress at
 * s if n &le; C, else at s·(C/n)/(1 + K(n−C)/C) (K = thrash). All tasks progress at the same rate, so one "virtual
 * work" clock serves them all and each task ends at a virtual time fixed when it is added: every change is
 * O(log n) even with thousands of tasks. Time and work are milliseconds (work in speed-1 ms), as doubles.
 *
 * <p>{@link #advanceTo} moves the clock piecewise: each task whose work runs out on the way is finished at that
 * instant and the rate changes from there, so a caller that looks late (a replay thread woken late) never slows
 * the others' progress. Not thread-safe: the replay guards it with its own lock.
 *
 * @param <T> what the caller tracks per task
 */
public final class ProcessorSharing<T> {
    /** A task whose work runs out within this of now counts as done now (floating-point slack). */
    static final double EPS_MS = 1e-6;

    private final int cores;
    private final double speed;
    private final double thrash;
    private final PriorityQueue<Task<T>> active = new PriorityQueue<>((a, b) -> a.target != b.target
            ? Double.compare(a.target, b.target) : Long.compare(a.sequence, b.sequence));
    private double virtualMs;
    private double lastMs;
    private long nextSequence;

    private record Task<T>(T item, double target, long sequence) {}

    /** A task that ended, and when. */
    public record Finished<T>(T item, double atMs) {}

    public ProcessorSharing(int cores, double speed, double thrash) {
        if (cores < 1 || !(speed > 0) || !(thrash >= 0)) throw new IllegalArgumentException("need cores >= 1, speed > 0, thrash >= 0");
        this.cores = cores;
        this.speed = speed;
        this.thrash = thrash;
    }

    /** Per-task progress (speed-1 ms per ms) with n tasks present. */
    public double rate(int n) {
        if (n <= cores) return speed;
        return speed * ((double) cores / n) / (1 + thrash * (n - cores) / cores);
    }

    public int size() {
        return active.size();
    }

    /**
     * Moves the clock to {@code nowMs} and removes every task whose work ran out by then (within {@link #EPS_MS}),
     * in the order they ended; returns them with their exact end times.
     */
    public List<Finished<T>> advanceTo(double nowMs) {
        List<Finished<T>> done = List.of();
        while (!active.isEmpty()) {
            double r = rate(active.size());
            Task<T> head = active.peek();
            double endMs = lastMs + Math.max(0, head.target - virtualMs) / r;
            if (endMs > nowMs + EPS_MS) {
                if (nowMs > lastMs) {
                    virtualMs += r * (nowMs - lastMs);
                    lastMs = nowMs;
                }
                return done;
            }
            virtualMs = Math.max(virtualMs, head.target);
            lastMs = Math.max(lastMs, endMs);
            active.poll();
            if (done.isEmpty()) done = new ArrayList<>(2);
            done.add(new Finished<>(head.item, lastMs));
        }
        lastMs = Math.max(lastMs, nowMs);
        return done;
    }

    /**
     * Adds a task of {@code workMs} speed-1 ms at {@code nowMs}. Call {@link #advanceTo} first (tasks due by now
     * must be collected before the rate changes).
     */
    public void add(T item, double workMs, double nowMs) {
        if (nowMs > lastMs + EPS_MS && !active.isEmpty()) throw new IllegalStateException("advance to " + nowMs + " first");
        lastMs = Math.max(lastMs, nowMs);
        active.add(new Task<>(item, virtualMs + workMs, nextSequence++));
    }

    /** Removes a task before its end (an interrupted replay thread); false when it is not present. */
    public boolean remove(T item) {
        return active.removeIf(t -> t.item == item);
    }

    /** When the soonest task ends at the current rate, or +inf with none present. */
    public double nextEndMs() {
        if (active.isEmpty()) return Double.POSITIVE_INFINITY;
        return lastMs + Math.max(0, active.peek().target - virtualMs) / rate(active.size());
    }
}
