package io.costq.core.worker;

import io.costq.core.store.CompleteJobs;
import io.costq.core.store.Ending;
import io.costq.core.store.JobStore;
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
 * whatever has gathered (up to {@code maxBatch}) in one round trip (one {@code completeJobs} call per partition).
 * Under load that is one round trip for many jobs; when idle, a lone ending goes out immediately. Endings that
 * cannot be sent (Redis, or their partition's shard, away) are retried for a while, then given up: the jobs'
 * leases expire and they run again (at-least-once).
 */
final class CompletionBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionBatcher.class);
    private static final int ATTEMPTS = 8;

    private record Pending(Ending ending, CompletableFuture<CompleteJobs.Outcome> result) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final JobStore store;
    private final Clock clock;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean open = true;
    private volatile boolean sending;

    CompletionBatcher(JobStore store, Clock clock, int maxBatch, String name) {
        this.store = store;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.NORM_PRIORITY + 1);
        this.thread.start();
    }

    CompletableFuture<CompleteJobs.Outcome> submit(Ending ending) {
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
        while ((!queue.isEmpty() || sending) && System.currentTimeMillis() < deadline) Threads.sleepQuietly(5);
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
                send(batch);
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

    private void send(List<Pending> batch) throws InterruptedException {
        List<Pending> left = batch;
        for (int attempt = 1; ; attempt++) {
            List<CompletableFuture<CompleteJobs.Outcome>> outcomes = store.complete(left.stream().map(Pending::ending).toList(),
                    clock.millis());
            List<Pending> failed = new ArrayList<>();
            RuntimeException error = null;
            for (int i = 0; i < left.size(); i++) {
                try {
                    left.get(i).result().complete(outcomes.get(i).join());
                } catch (RuntimeException e) {
                    failed.add(left.get(i));
                    error = e;
                }
            }
            if (failed.isEmpty()) return;
            if (attempt >= ATTEMPTS || !open) {
                LOG.warn("could not record the end of {} jobs ({}); their leases will expire and they run again",
                        failed.size(), error.toString());
                for (Pending p : failed) p.result().completeExceptionally(error);
                return;
            }
            left = failed;
            Thread.sleep(Math.min(2_000, 100L << attempt));
        }
    }
}
