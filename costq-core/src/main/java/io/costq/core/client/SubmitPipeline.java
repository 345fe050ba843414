package io.costq.core.client;

import io.costq.core.job.Tenants;
import io.costq.core.store.History;
import io.costq.core.store.JobStore;
import io.costq.core.store.NewJob;
import io.costq.core.store.SubmitJobs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one submit pipeline: the batch's users' run histories in one pipelined read, each submit prepared (pure),
 * then all stored in one pipelined write, each answered on its own. A single submit is a batch of one, the
 * coalescer's group commit a batch of the submits that arrived meanwhile, a bulk submit the whole list: they
 * differ only in the batch and in how the store packs it (one script call per job, so a failing call fails only
 * its own submit; or up to 100 jobs of a partition per call).
 */
final class SubmitPipeline {
    /** A validated submit and where its answer goes. */
    record Pending(SubmitPreparer.Validated request, CompletableFuture<Submitted> answer) {
    }

    private final JobStore store;
    private final Supplier<SubmitPreparer> preparer;

    SubmitPipeline(JobStore store, Supplier<SubmitPreparer> preparer) {
        this.store = store;
        this.preparer = preparer;
    }

    /**
     * Runs one batch without blocking (the coalescer's, on an event loop): the jobs are prepared on the thread that
     * got the histories. Every pending answer completes (a submit whose history read or script call failed with that
     * error); the returned future completes once the batch is out of Redis, never exceptionally.
     */
    CompletableFuture<Void> run(List<Pending> batch, boolean packed) {
        try {
            SubmitPreparer prep = preparer.get();
            Map<History, CompletableFuture<List<Long>>> histories = store.histories(users(batch), prep.historyWindow());
            return CompletableFuture.allOf(histories.values().toArray(CompletableFuture[]::new))
                    .handle((ok, e) -> null)
                    .thenCompose(ignored -> store(batch, histories, prep, packed))
                    .exceptionally(e -> fail(batch, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(fail(batch, e));
        }
    }

    /**
     * The same for a caller that waits anyway (a single or bulk submit): the jobs are prepared on the calling
     * thread, not on a Redis I/O thread that other replies wait behind. Every pending answer completes.
     */
    void runHere(List<Pending> batch, boolean packed) {
        try {
            SubmitPreparer prep = preparer.get();
            Map<History, CompletableFuture<List<Long>>> histories = store.histories(users(batch), prep.historyWindow());
            for (CompletableFuture<List<Long>> h : histories.values()) h.handle((ok, e) -> null).join();
            store(batch, histories, prep, packed);
        } catch (RuntimeException e) {
            fail(batch, e);
        }
    }

    private static Set<History> users(List<Pending> batch) {
        Set<History> users = new LinkedHashSet<>();
        for (Pending p : batch) users.add(history(p));
        return users;
    }

    private static History history(Pending p) {
        return p.request().history();
    }

    private CompletableFuture<Void> store(List<Pending> batch, Map<History, CompletableFuture<List<Long>>> histories,
                                          SubmitPreparer prep, boolean packed) {
        List<Pending> ready = new ArrayList<>(batch.size());
        List<NewJob> jobs = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            try {
                jobs.add(prep.prepare(p.request(), histories.get(history(p)).join()));
                ready.add(p);
            } catch (RuntimeException e) {
                p.answer().completeExceptionally(unwrap(e));
            }
        }
        if (jobs.isEmpty()) return CompletableFuture.completedFuture(null);
        List<CompletableFuture<SubmitJobs.Outcome>> stored = store.submit(jobs, packed);
        CompletableFuture<Void> batchDone = new CompletableFuture<>();
        AtomicInteger unsettled = new AtomicInteger(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            CompletableFuture<Submitted> answer = ready.get(i).answer();
            NewJob job = jobs.get(i);
            stored.get(i).whenComplete((o, e) -> {
                if (e != null) answer.completeExceptionally(unwrap(e));
                else answer(job, o, answer);
                if (unsettled.decrementAndGet() == 0) batchDone.complete(null);
            });
        }
        return batchDone;
    }

    /** Answers the submit; a duplicate's answer (an idempotency hit) is the existing job's, read without blocking. */
    private void answer(NewJob job, SubmitJobs.Outcome o, CompletableFuture<Submitted> answer) {
        switch (o.kind()) {
            // ids carry 70+ random bits: a taken id is this very submit, retried by the client after a lost reply
            case CREATED, ID_TAKEN -> answer.complete(new Submitted(o.id(), job.costClass(), job.estimateMs(), false));
            case OVER_CAP -> answer.completeExceptionally(new io.costq.core.job.TenantOverCapException(
                    Tenants.of(job.options().tenant()), job.options().maxQueued()));
            case DUPLICATE -> store.jobAsync(o.id()).whenComplete((view, e) -> {
                if (e != null) answer.completeExceptionally(unwrap(e));
                else answer.complete(view.map(j -> new Submitted(j.id(), j.costClass(), j.estimateMs(), true))
                        .orElse(new Submitted(o.id(), job.costClass(), job.estimateMs(), true)));
            });
        }
    }

    private static Void fail(List<Pending> batch, Throwable e) {
        for (Pending p : batch) p.answer().completeExceptionally(unwrap(e)); // no-op for those answered
        return null;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }
}
