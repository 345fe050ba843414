package io.costq.core.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work queue of a node's handler threads (a {@link java.util.concurrent.ThreadPoolExecutor}'s): wakes a parked
 * thread for queued runs only when the threads already running will not be back for them soon. A plain queue wakes
 * one thread per run handed over (a claim of 16 short runs: 16 thread wake-ups, each a context switch in and out,
 * which was the biggest part of the worker's CPU per no-op job); here a thread that finishes a run takes the next
 * queued one itself, and one parked thread stands by meanwhile: when a run has waited {@link #HELP_AFTER_NANOS} and
 * no thread came back for it (the running handlers block), the standby takes it and every further queued run gets
 * a thread of its own at once, as with a plain queue. So a run waits at most that long, plus a wake-up, for a thread
 * while one is free. A run handed over while no thread is running, or while the youngest running handler has run
 * for that long already (they are long runs), wakes a thread at once.
 */
final class HandlerQueue extends java.util.AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
    /** How long a queued run waits for a running thread to come back before a parked one takes it. */
    static final long HELP_AFTER_NANOS = 500_000;

    private record Entry(Runnable task, long atNanos) {
    }

    /** A parked thread; {@code standby}: it takes a run only once the run has waited {@link #HELP_AFTER_NANOS}. */
    private static final class Waiter {
        final Condition wake;
        boolean woken;
        boolean standby;

        Waiter(Condition wake) {
            this.wake = wake;
        }
    }

    /** A fixed pool of {@code threads} handler threads over a queue of this kind. */
    static java.util.concurrent.ExecutorService pool(int threads, java.util.concurrent.ThreadFactory factory) {
        return new java.util.concurrent.ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new HandlerQueue(), factory);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry> items = new ArrayDeque<>();
    /** Parked threads not standing by, the most recently parked first (its caches are the warmest). */
    private final ArrayDeque<Waiter> idle = new ArrayDeque<>();
    private Waiter standby;
    /** Threads woken to take a run at once that have not taken one yet. */
    private int spare;
    /** Threads that took a run from here and have not come back for another. */
    private int busy;
    private long lastTakeNanos;
    /** Whether this thread's last take returned a run (so its coming back ends that run). */
    private final ThreadLocal<boolean[]> holding = ThreadLocal.withInitial(() -> new boolean[1]);

    @Override
    public boolean offer(Runnable task) {
        long now = System.nanoTime();
        lock.lock();
        try {
            items.addLast(new Entry(task, now));
            if (spare == 0 && standby == null) wakeOne(busy == 0 || now - lastTakeNanos >= HELP_AFTER_NANOS);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(Runnable task) {
        offer(task);
    }

    @Override
    public boolean offer(Runnable task, long timeout, TimeUnit unit) {
        return offer(task);
    }

    @Override
    public Runnable take() throws InterruptedException {
        Runnable r = poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        if (r == null) throw new IllegalStateException("unbounded wait ended without a run");
        return r;
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        boolean[] held = holding.get();
        long deadline = timeout == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            if (held[0]) {
                held[0] = false;
                busy--;
            }
            boolean asStandby = false;
            while (true) {
                long now = System.nanoTime();
                Entry head = items.peekFirst();
                if (head != null && (!asStandby || now - head.atNanos >= HELP_AFTER_NANOS)) {
                    items.pollFirst();
                    held[0] = true;
                    busy++;
                    lastTakeNanos = now;
                    Entry next = items.peekFirst();
                    if (next != null && spare == 0 && standby == null) wakeOne(now - next.atNanos >= HELP_AFTER_NANOS);
                    return head.task;
                }
                if (deadline != Long.MAX_VALUE && now >= deadline) return null;
                Waiter me = new Waiter(lock.newCondition());
                if (head != null && standby == null) {
                    me.standby = true; // the standby: waits for the head's time to come
                    standby = me;
                } else {
                    idle.addFirst(me);
                }
                try {
                    park(me, me.standby ? head.atNanos + HELP_AFTER_NANOS : deadline);
                } catch (InterruptedException e) {
                    leave(me);
                    // a wake-up this thread took must not be lost: another thread takes the queued runs
                    if (!items.isEmpty() && spare == 0 && standby == null) wakeOne(true);
                    throw e;
                }
                leave(me);
                // woken to stand by, or timed out as the standby (the head's time has come): take only aged runs
                asStandby = me.standby;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits (under the lock, which the wait releases) until woken or {@code until} (nanoTime; MAX_VALUE: no limit). */
    private static void park(Waiter me, long until) throws InterruptedException {
        while (!me.woken) {
            if (until == Long.MAX_VALUE) {
                me.wake.await();
                continue;
            }
            long left = until - System.nanoTime();
            if (left <= 0) return;
            me.wake.awaitNanos(left);
        }
    }

    /** Bookkeeping of a thread that stops waiting. Under the lock. */
    private void leave(Waiter me) {
        if (standby == me) standby = null;
        else if (!me.woken) idle.remove(me);
        if (me.woken && !me.standby) spare--;
    }

    /** Wakes the most recently parked thread: to take a run at once, or to stand by. Under the lock. */
    private void wakeOne(boolean atOnce) {
        Waiter w = idle.pollFirst();
        if (w == null) return; // every thread is running: the first back takes the run
        w.woken = true;
        w.standby = !atOnce;
        if (atOnce) spare++;
        else standby = w;
        w.wake.signal();
    }

    @Override
    public Runnable poll() {
        lock.lock();
        try {
            Entry e = items.pollFirst();
            return e == null ? null : e.task;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable peek() {
        lock.lock();
        try {
            Entry e = items.peekFirst();
            return e == null ? null : e.task;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    /** A snapshot: the queue's runs at the time of the call. */
    @Override
    public Iterator<Runnable> iterator() {
        lock.lock();
        try {
            List<Runnable> copy = new ArrayList<>(items.size());
            for (Entry e : items) copy.add(e.task);
            return copy.iterator();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object o) {
        lock.lock();
        try {
            return items.removeIf(e -> e.task == o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super Runnable> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Runnable> c, int max) {
        lock.lock();
        try {
            int n = 0;
            while (n < max && !items.isEmpty()) {
                c.add(items.pollFirst().task);
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }
}
