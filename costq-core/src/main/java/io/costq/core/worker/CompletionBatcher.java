package io.costq.core.worker;

import io.costq.core.redis.CompleteJobs;
import io.costq.core.redis.Partitions;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records run endings in batches: handler threads hand their endings over and return at once; one thread sends
 * whatever has gathered (up to {@code maxBatch}) in a single {@code completeJobs} call. Under load that is one
 * round trip for many jobs; when idle, a lone ending goes out immediately. A batch that cannot be sent (Redis
 * away) is retried for a while, then given up: the jobs' leases expire and they run again (at-least-once).
 * With several partitions a batch goes out as one call per partition, each retried on its own.
 */
final class CompletionBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionBatcher.class);
    private static final int ATTEMPTS = 8;

    private record Pending(CompleteJobs.Ending ending, CompletableFuture<CompleteJobs.Outcome> result) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<CompleteJobs> complete;
    private final Partitions partitions;
    private final Clock clock;
    private volatile int historyWindow;
    private volatile long retentionMs;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean open = true;
    private volatile boolean sending;

    CompletionBatcher(List<CompleteJobs> complete, Partitions partitions, Clock clock, int historyWindow, long retentionMs,
                      int maxBatch, String name) {
        this.complete = complete;
        this.partitions = partitions;
        this.clock = clock;
        this.historyWindow = historyWindow;
        this.retentionMs = retentionMs;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.NORM_PRIORITY + 1);
        this.thread.start();
    }

    void configure(int historyWindow, long retentionMs) {
        this.historyWindow = historyWindow;
        this.retentionMs = retentionMs;
    }

    CompletableFuture<CompleteJobs.Outcome> submit(CompleteJobs.Ending ending) {
        CompletableFuture<CompleteJobs.Outcome> f = new CompletableFuture<>();
        if (!open) {
            f.completeExceptionally(new IllegalStateException("worker stopped"));
            return f;
        }
        queue.add(new Pending(ending, f));
        return f;
    }

    /** Sends what is queued, then stops (graceful shutdown). */
    void close(long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        while ((!queue.isEmpty() || sending) && System.currentTimeMillis() < deadline) sleep(5);
        open = false;
        thread.interrupt();
        failPending();
    }

    /** Drops what is queued without sending it (a crash). */
    void abort() {
        open = false;
        queue.clear();
        thread.interrupt();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (open) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                sending = true;
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (complete.size() == 1) {
                    send(complete.get(0), batch);
                } else {
                    for (List<Pending> group : byPartition(batch)) send(complete.get(partitions.ofId(group.get(0).ending().job().id())), group);
                }
            } catch (InterruptedException e) {
                for (Pending p : batch) p.result().completeExceptionally(e); // no-op for those already completed
                if (!open) break;
            } finally {
                sending = false;
            }
        }
        failPending();
    }

    /** Every ending not sent completes exceptionally, so its run's bookkeeping is released. */
    private void failPending() {
        Pending p;
        while ((p = queue.poll()) != null) p.result().completeExceptionally(new IllegalStateException("worker stopped"));
    }

    private List<List<Pending>> byPartition(List<Pending> batch) {
        java.util.Map<Integer, List<Pending>> groups = new java.util.TreeMap<>();
        for (Pending p : batch) {
            groups.computeIfAbsent(partitions.ofId(p.ending().job().id()), k -> new ArrayList<>()).add(p);
        }
        return new ArrayList<>(groups.values());
    }

    private void send(CompleteJobs complete, List<Pending> batch) throws InterruptedException {
        List<CompleteJobs.Ending> endings = new ArrayList<>(batch.size());
        for (Pending p : batch) endings.add(p.ending());
        for (int attempt = 1; ; attempt++) {
            try {
                List<CompleteJobs.Outcome> outcomes = complete.run(endings, clock.millis(), historyWindow, retentionMs);
                for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(outcomes.get(i));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !open) {
                    LOG.warn("could not record the end of {} jobs ({}); their leases will expire and they run again",
                            batch.size(), e.toString());
                    for (Pending p : batch) p.result().completeExceptionally(e);
                    return;
                }
                Thread.sleep(Math.min(2_000, 100L << attempt));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
