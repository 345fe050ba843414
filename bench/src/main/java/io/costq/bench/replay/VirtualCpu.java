package io.costq.bench.replay;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One replay node's processor-sharing "virtual CPU", driven by wall time: the tasks in their CPU phase share the
 * node's C cores, each progressing at s·min(1, C/n) (with {@code thrash} K > 0 above C tasks: s·(C/n)/(1 + K·(n−C)/C)),
 * the simulator's {@code SimNode} rule. A virtual-work clock makes it exact however late a thread wakes: every
 * call first advances the clock to now, finishing tasks at the instants their work ran out (so a late wake-up delays
 * only that task's return, never the others' progress). Work is in speed-1 milliseconds.
 */
final class VirtualCpu {
    private final int cores;
    private final double speed;
    private final double thrash;
    private final long origin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final PriorityQueue<Task> active = new PriorityQueue<>(Comparator.comparingDouble(t -> t.target));
    /** Virtual work every active task has received since the start, ns of speed-1 CPU. */
    private double virtual;
    /** Wall time (ns since origin) up to which {@link #virtual} is advanced. */
    private double last;

    private static final class Task {
        final double target;
        boolean done;

        Task(double target) {
            this.target = target;
        }
    }

    VirtualCpu(int cores, double speed, double thrash) {
        if (cores < 1 || !(speed > 0) || thrash < 0) throw new IllegalArgumentException("cores >= 1, speed > 0, thrash >= 0");
        this.cores = cores;
        this.speed = speed;
        this.thrash = thrash;
    }

    /** Progress per ns of wall time of each of n CPU-phase tasks. */
    private double rate(int n) {
        if (n <= cores) return speed;
        return speed * ((double) cores / n) / (1 + thrash * (n - cores) / cores);
    }

    private double now() {
        return System.nanoTime() - origin;
    }

    /** Advances the virtual clock to {@code now}, completing every task whose work ran out on the way. Lock held. */
    private void advance(double now) {
        boolean any = false;
        while (!active.isEmpty()) {
            double r = rate(active.size());
            double reach = virtual + r * (now - last);
            Task head = active.peek();
            if (head.target > reach) {
                virtual = reach;
                last = now;
                break;
            }
            last += (head.target - virtual) / r;
            virtual = head.target;
            active.poll().done = true;
            any = true;
        }
        if (active.isEmpty()) last = Math.max(last, now);
        if (any) finished.signalAll();
    }

    /** Runs {@code workMs} of speed-1 CPU work on this node's shared cores; returns when it is done. */
    void run(double workMs) throws InterruptedException {
        if (!(workMs > 0)) return;
        lock.lock();
        Task t = null;
        try {
            advance(now());
            t = new Task(virtual + workMs * 1e6);
            active.add(t);
            while (!t.done) {
                long waitNs = (long) Math.ceil((t.target - virtual) / rate(active.size()));
                finished.awaitNanos(Math.max(1_000, waitNs));
                advance(now());
            }
        } catch (InterruptedException e) {
            if (t != null && !t.done) {
                advance(now());
                active.remove(t);
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
            advance(now());
            return active.size();
        } finally {
            lock.unlock();
        }
    }
}
