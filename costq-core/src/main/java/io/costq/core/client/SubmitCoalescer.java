package io.costq.core.client;

import io.costq.core.ClusterSettings;
import io.costq.core.redis.LuaScript;
import io.costq.core.redis.NotReplicatedException;
import io.costq.core.redis.SubmitJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;

/**
 * Group commit for single submits ({@link CostqClient#submitAsync}): the submits that arrive while a batch is in
 * Redis wait, and then go together as the next batch — their users' history reads in one pipeline, their
 * {@code submitJobs} calls in a second — so N concurrent submits cost two round trips instead of 2N, and the
 * client's and Redis's per-call overhead is paid once per batch. There is no timer: a submit that finds nothing
 * in flight goes at once, as a batch of one, so at low load it waits for nobody.
 * <p>Each submit is answered on its own: one whose history read or script call fails gets that error, the
 * others in its batch their jobs. Within a batch the calls go in arrival order. A script missing from Redis
 * (restarted, failed over) is loaded and the submits it refused are sent once more; they had not run.
 *
 * @param <P> the client's prepared job
 */
final class SubmitCoalescer<P> {
    /** Submits per batch at most; more wait for the next one. */
    static final int MAX_BATCH = 256;

    /** A validated submit waiting for its batch. */
    record Request(SubmitRequest request, String payload, String owner, boolean willWait) {
    }

    /** The client's own steps: where a user's history is, how a job is prepared and answered. */
    interface Steps<P> {
        String historyKey(String user);

        int historyWindow();

        /** Estimates, classifies and builds the job to store (no I/O). */
        P prepare(Request r, List<Long> history);

        SubmitJobs.Input input(P prepared);

        /** The script of the job's partition. */
        SubmitJobs script(P prepared);

        ClusterSettings cluster();

        /** The submit's answer (a duplicate's is read from Redis, asynchronously). */
        CompletionStage<Submitted> answer(P prepared, SubmitJobs.Outcome outcome);
    }

    private record Pending(Request request, CompletableFuture<Submitted> answer) {
    }

    private record Ready<P>(Pending pending, P prepared) {
    }

    private final RedissonClient redis;
    private final Steps<P> steps;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waitingCount = new AtomicInteger();
    /** Submits waiting for a batch at most; more are refused at once as if Redis timed out (the API answers 503). */
    static final int MAX_WAITING = 20_000;
    private final int maxInFlight;

    /** @param maxInFlight batches in Redis at once: while that many are, arriving submits wait for the next */
    SubmitCoalescer(RedissonClient redis, Steps<P> steps, int maxInFlight) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1");
        this.redis = redis;
        this.steps = steps;
        this.maxInFlight = maxInFlight;
    }

    CompletableFuture<Submitted> submit(Request request) {
        if (waitingCount.incrementAndGet() > MAX_WAITING) {
            // Redis is slow or away and batches fail only as fast as its timeout: refuse at once (503) rather than
            // queue without bound
            waitingCount.decrementAndGet();
            return CompletableFuture.failedFuture(new org.redisson.client.RedisTimeoutException(
                    "more than " + MAX_WAITING + " submits are waiting for Redis"));
        }
        Pending p = new Pending(request, new CompletableFuture<>());
        waiting.add(p);
        next();
        return p.answer;
    }

    /** Starts batches of what waits while fewer than maxInFlight are in Redis (a batch's end calls this again). */
    private void next() {
        while (true) {
            int n = inFlight.get();
            if (n >= maxInFlight) return;
            if (!inFlight.compareAndSet(n, n + 1)) continue;
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < MAX_BATCH && (p = waiting.poll()) != null) {
                waitingCount.decrementAndGet();
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                readHistories(batch);
                continue;
            }
            inFlight.decrementAndGet();
            if (waiting.isEmpty()) return; // else one arrived after the poll and saw no free slot: take it
        }
    }

    private void done() {
        inFlight.decrementAndGet();
        next();
    }

    private void readHistories(List<Pending> batch) {
        try {
            RBatch reads = redis.createBatch(BatchOptions.defaults());
            Map<String, CompletableFuture<List<Long>>> histories = SubmitPath.readHistories(reads,
                    batch.stream().map(p -> p.request.request().user()).toList(), steps::historyKey, steps.historyWindow());
            reads.executeAsync().whenComplete((ignored, batchError) -> {
                try {
                    List<Ready<P>> ready = new ArrayList<>(batch.size());
                    for (Pending p : batch) {
                        try {
                            List<Long> history = outcome(histories.get(p.request.request().user()), batchError);
                            ready.add(new Ready<>(p, steps.prepare(p.request, history)));
                        } catch (Throwable e) {
                            p.answer.completeExceptionally(unwrap(e));
                        }
                    }
                    if (ready.isEmpty()) done();
                    else store(ready, true);
                } catch (Throwable e) {
                    abort(batch, e);
                }
            });
        } catch (Throwable e) {
            abort(batch, e);
        }
    }

    /** Sends the batch's submitJobs calls as one pipeline; whatever fails here fails the batch's callers, not the loop. */
    private void store(List<Ready<P>> ready, boolean reloadOnNoScript) {
        try {
            ClusterSettings cluster = steps.cluster();
            RBatch writes = redis.createBatch(cluster.submitBatchOptions());
            List<RFuture<List<Object>>> replies = new ArrayList<>(ready.size());
            // one call per submit (not SubmitJobs' multi-job call): a failing call then fails only its own submit
            for (Ready<P> r : ready) replies.add(steps.script(r.prepared).runAsync(writes, List.of(steps.input(r.prepared))));
            writes.executeAsync().whenComplete((result, batchError) -> {
                try {
                    answer(ready, replies, result, batchError, cluster, reloadOnNoScript);
                } catch (Throwable e) {
                    abort(pending(ready), e);
                }
            });
        } catch (Throwable e) {
            abort(pending(ready), e);
        }
    }

    private void answer(List<Ready<P>> ready, List<RFuture<List<Object>>> replies, BatchResult<?> result,
                        Throwable batchError, ClusterSettings cluster, boolean reloadOnNoScript) {
        int replicas = cluster.waitReplicas();
        List<Ready<P>> refused = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Ready<P> r = ready.get(i);
            try {
                SubmitJobs.Outcome outcome = SubmitJobs.decode(outcome(replies.get(i).toCompletableFuture(), batchError),
                        List.of(steps.input(r.prepared).id())).get(0);
                if (replicas > 0 && synced(result) < replicas) {
                    throw new NotReplicatedException(steps.input(r.prepared).id(), synced(result), replicas,
                            cluster.waitTimeoutMs());
                }
                steps.answer(r.prepared, outcome).whenComplete((s, e) -> {
                    if (e != null) r.pending.answer.completeExceptionally(unwrap(e));
                    else r.pending.answer.complete(s);
                });
            } catch (Throwable e) {
                if (reloadOnNoScript && LuaScript.isNoScript(e)) refused.add(r);
                else r.pending.answer.completeExceptionally(unwrap(e));
            }
        }
        if (refused.isEmpty()) {
            done();
            return;
        }
        steps.script(refused.get(0).prepared).ensureLoadedAsync().whenComplete((sha, e) -> {
            if (e == null) store(refused, false);
            else abort(pending(refused), e);
        });
    }

    private static int synced(BatchResult<?> result) {
        return result == null ? 0 : result.getSyncedSlaves();
    }

    /** The reply of one pipelined command: its value, else its own error, else the pipeline's. */
    private static <T> T outcome(CompletableFuture<T> c, Throwable batchError) throws Throwable {
        if (c.isDone()) {
            try {
                return c.get();
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }
        throw batchError != null ? batchError : new IllegalStateException("pipelined reply missing");
    }

    /** The batch ends with this error for every submit not answered yet; the next batch may start. */
    private void abort(List<Pending> batch, Throwable e) {
        for (Pending p : batch) p.answer.completeExceptionally(unwrap(e)); // no-op for those answered
        done();
    }

    private static <P> List<Pending> pending(List<Ready<P>> ready) {
        return ready.stream().map(Ready::pending).toList();
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }
}
