package io.costq.bench;

import io.costq.core.job.ClaimedJob;
import io.costq.core.worker.WorkerListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts a worker's finished jobs and remembers when each job was claimed and finished (nanoTime). */
final class Completions implements WorkerListener {
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private volatile long lastNanos;
    private final boolean track;
    final Map<String, Long> claimedAt = new ConcurrentHashMap<>();
    final Map<String, Long> finishedAt = new ConcurrentHashMap<>();

    /** @param track keep per-job claim and finish times (latency phases) */
    Completions(boolean track) {
        this.track = track;
    }

    @Override
    public void claimed(ClaimedJob job, long waitedMs) {
        if (track) claimedAt.put(job.id(), System.nanoTime());
    }

    @Override
    public void finished(ClaimedJob job, String outcome, long runMs) {
        long now = System.nanoTime();
        if (track) finishedAt.put(job.id(), now);
        lastNanos = now;
        if (outcome.equals("succeeded")) succeeded.incrementAndGet();
        else other.incrementAndGet();
    }

    long done() {
        return succeeded.get() + other.get();
    }

    long failed() {
        return other.get();
    }

    long lastNanos() {
        return lastNanos;
    }

    /** Waits until n jobs finished; false on timeout or when no job finished for stallMs. */
    boolean await(long n, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (done() < n) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(1);
        }
        return true;
    }
}
