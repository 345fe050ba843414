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

    /** Runs {@code workMs} of speed-1 CPU work on this node's shared cores; returns when it is done. */
    void run(double workMs) throws InterruptedException {
        if (!(workMs > 0)) return;
        Task t = new Task();
        lock.lock();
        try {
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

    /** Tasks in their CPU phase now (the simulator's CPU meter is min(1, this / cores)). */
    int cpuTasks() {
        lock.lock();
        try {
            advance();
            return cores.size();
        } finally {
            lock.unlock();
        }
    }
}
