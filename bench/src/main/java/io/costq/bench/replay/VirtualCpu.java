package io.costq.bench.replay;

import io.costq.model.sim.ProcessorSharing;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One replay node's virtual CPU, driven by wall time: the simulator's own processor-sharing model
 * ({@link ProcessorSharing}, which {@code SimNode} runs too) behind a lock, so that handler threads can block until
 * their work is done. The model's clock advances piecewise, finishing each task at the instant its work ran out,
 * so a thread woken late delays only its own return, never the others' progress. Work is in speed-1 milliseconds.
 */
final class VirtualCpu {
    private final long origin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final ProcessorSharing<Task> cores;
    /** Tasks the node claimed whose handler has not put its first CPU phase on the cores yet (guarded by the lock). */
    private int starting;

    private static final class Task {
        boolean done;
    }

    VirtualCpu(int cores, double speed, double thrash) {
        this.cores = new ProcessorSharing<>(cores, speed, thrash);
    }

    private double nowMs() {
        return (System.nanoTime() - origin) / 1e6;
    }

    /** Advances the model to now, marking every task whose work ran out on the way; returns now. Lock held. */
    private double advance() {
        double now = nowMs();
        var done = cores.advanceTo(now);
        for (var f : done) f.item().done = true;
        if (!done.isEmpty()) finished.signalAll();
        return now;
    }

    /**
     * The node claimed a task: it counts as in its CPU phase from now until its handler {@link #start}s, as a
     * simulated task is in its CPU phase the instant a node takes it (the handler thread's start is not free here).
     */
    void claimed() {
        lock.lock();
        try {
            starting++;
        } finally {
            lock.unlock();
        }
    }

    /** A claimed task's handler runs its first CPU phase, {@code workMs}: {@link #run} it, no longer starting. */
    void start(double workMs) throws InterruptedException {
        run(workMs, true);
    }

    /** Runs {@code workMs} of speed-1 CPU work on this node's shared cores; returns when it is done. */
    void run(double workMs) throws InterruptedException {
        run(workMs, false);
    }

    private void run(double workMs, boolean started) throws InterruptedException {
        Task t = new Task();
        lock.lock();
        try {
            if (started && starting > 0) starting--;
            if (!(workMs > 0)) return;
            cores.add(t, workMs, advance());
            while (!t.done) {
                double waitMs = cores.nextEndMs() - nowMs(); // the soonest end: whoever wakes first advances for all
                finished.awaitNanos(Math.max(1_000, (long) Math.ceil(waitMs * 1e6)));
                advance();
            }
        } catch (InterruptedException e) {
            if (!t.done) {
                advance();
                cores.remove(t);
                finished.signalAll();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks in their CPU phase now, claimed ones included (the simulator's CPU meter is min(1, this / cores)). */
    int cpuTasks() {
        lock.lock();
        try {
            advance();
            return cores.size() + starting;
        } finally {
            lock.unlock();
        }
    }
}
