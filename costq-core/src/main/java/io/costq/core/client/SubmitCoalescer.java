package io.costq.core.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit for single submits ({@link CostqClient#submitAsync}): the submits that arrive while a batch is in
 * Redis wait, and then go together as the next batch through the submit pipeline — N concurrent submits cost two
 * round trips instead of 2N, and the per-call overhead of the client and of Redis is paid once per batch. There is
 * no timer: a submit that finds nothing in flight goes at once, as a batch of one, so at low load it waits for
 * nobody. Each submit is answered on its own (the pipeline sees to that); within a batch they go in arrival order.
 */
final class SubmitCoalescer {
    /** Submits per batch at most; more wait for the next one. */
    static final int MAX_BATCH = 256;
    /** Submits waiting for a batch at most; more are refused at once as if Redis timed out (the API answers 503). */
    static final int MAX_WAITING = 20_000;

    private final Function<List<SubmitPipeline.Pending>, CompletionStage<?>> runBatch;
    private final int maxInFlight;
    private final Queue<SubmitPipeline.Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waitingCount = new AtomicInteger();

    /**
     * @param runBatch    sends one batch; its stage completes once the batch is out of Redis
     * @param maxInFlight batches in Redis at once: while that many are, arriving submits wait for the next
     */
    SubmitCoalescer(Function<List<SubmitPipeline.Pending>, CompletionStage<?>> runBatch, int maxInFlight) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1");
        this.runBatch = runBatch;
        this.maxInFlight = maxInFlight;
    }

    CompletableFuture<Submitted> submit(SubmitPreparer.Validated request) {
        if (waitingCount.incrementAndGet() > MAX_WAITING) {
            // Redis is slow or away and batches fail only as fast as its timeout: refuse at once (503) rather than
            // queue without bound
            waitingCount.decrementAndGet();
            return CompletableFuture.failedFuture(new org.redisson.client.RedisTimeoutException(
                    "more than " + MAX_WAITING + " submits are waiting for Redis"));
        }
        SubmitPipeline.Pending p = new SubmitPipeline.Pending(request, new CompletableFuture<>());
        waiting.add(p);
        next();
        return p.answer();
    }

    /** Starts batches of what waits while fewer than maxInFlight are in Redis (a batch's end calls this again). */
    private void next() {
        while (true) {
            int n = inFlight.get();
            if (n >= maxInFlight) return;
            if (!inFlight.compareAndSet(n, n + 1)) continue;
            List<SubmitPipeline.Pending> batch = new ArrayList<>();
            SubmitPipeline.Pending p;
            while (batch.size() < MAX_BATCH && (p = waiting.poll()) != null) {
                waitingCount.decrementAndGet();
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                send(batch);
                continue;
            }
            inFlight.decrementAndGet();
            if (waiting.isEmpty()) return; // else one arrived after the poll and saw no free slot: take it
        }
    }

    private void send(List<SubmitPipeline.Pending> batch) {
        CompletionStage<?> sent;
        try {
            sent = runBatch.apply(batch);
        } catch (RuntimeException e) {
            for (SubmitPipeline.Pending p : batch) p.answer().completeExceptionally(e);
            sent = CompletableFuture.completedFuture(null);
        }
        sent.whenComplete((ok, e) -> {
            inFlight.decrementAndGet();
            next();
        });
    }
}
