package io.costq.core.store;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobView;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The one door to Redis for jobs: every job read and every transition of the client, the worker engine and the API
 * goes through here, named by intent. It owns the key layout ({@link Partitions}, {@link Keys}), the script
 * wrappers (one per Lua transition) and their execution ({@link ScriptExecutor}: pipelining, script reloads,
 * replica waits). Operations on a job by id find its partition from the id; operations on a partition's queues
 * ({@link #claim}, {@link #lookAtQueues}, the reaper's) take the partition; the rest cover every partition.
 * <p>Storage policies (classes, channels, retention, history window, replicas) follow the settings last
 * {@link #apply applied}; the key prefix and partition count are fixed.
 */
public final class JobStore {
    private final RedissonClient redis;
    private final ScriptExecutor scripts;
    private final Partitions partitions;
    private final JobReads reads;
    private final ScheduleStore schedules;
    private final JobSearch search;
    private final ChannelStore channels;
    private volatile CostqSettings settings;

    public JobStore(RedissonClient redis, CostqSettings settings) {
        this.redis = redis;
        this.scripts = new ScriptExecutor(redis);
        this.partitions = new Partitions(settings.keyPrefix(), settings.partitions());
        this.reads = new JobReads(redis, partitions);
        this.search = new JobSearch(redis, partitions, reads);
        this.settings = settings;
        this.schedules = new ScheduleStore(redis, scripts, partitions, () -> this.settings);
        this.channels = new ChannelStore(redis, scripts, partitions);
    }

    public void apply(CostqSettings next) {
        if (!next.keyPrefix().equals(settings.keyPrefix())) throw new IllegalArgumentException("the key prefix cannot change live");
        if (next.partitions() != settings.partitions()) throw new IllegalArgumentException("the partitions cannot change live");
        this.settings = next;
    }

    public Partitions partitions() {
        return partitions;
    }

    /** The delivery channels' settings the claims enforce. */
    public ChannelStore channels() {
        return channels;
    }

    /** Delayed jobs and recurring schedules, through the same script executor and settings. */
    public ScheduleStore schedules() {
        return schedules;
    }

    // ---- submits

    /**
     * Per distinct history, the newest runs (newest first, up to {@code window}), read in one pipeline; each future
     * completes on its own (with its read's error when that read failed).
     */
    public Map<History, CompletableFuture<List<Long>>> histories(Collection<History> histories, int window) {
        Map<History, CompletableFuture<List<Long>>> out = new HashMap<>();
        if (histories.size() == 1) { // no pipeline for one read
            History h = histories.iterator().next();
            out.put(h, runs(redis.<String>getList(h.key(partitions), StringCodec.INSTANCE).rangeAsync(0, window - 1)));
            return out;
        }
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        for (History h : histories) {
            out.computeIfAbsent(h, u -> runs(batch.<String>getList(u.key(partitions), StringCodec.INSTANCE).rangeAsync(0, window - 1)));
        }
        // a read the pipeline left unanswered gets the pipeline's error
        batch.executeAsync().whenComplete((ok, e) -> out.values().forEach(f -> {
            if (!f.isDone()) f.completeExceptionally(e != null ? e : new IllegalStateException("pipelined reply missing"));
        }));
        return out;
    }

    private static CompletableFuture<List<Long>> runs(RFuture<List<String>> raw) {
        return raw.toCompletableFuture().thenApply(list -> list.stream().map(Long::parseLong).toList());
    }

    /** The recent-estimates sample: each partition's newest, {@code cap} in all. */
    public List<Long> recentEstimates(int cap) {
        List<Long> sample = reads.recentEstimates(Math.max(1, (cap + partitions.count() - 1) / partitions.count()));
        return sample.size() > cap ? sample.subList(0, cap) : sample;
    }

    /**
     * Stores new jobs in one pipeline (with a WAIT for replicas when configured). Packed: up to
     * {@link SubmitJobs#MAX_PER_CALL} jobs of a partition per script call (a bulk submit); else one call per job, so
     * a failing call fails only its own job (coalesced single submits). One future per job, in order.
     */
    public List<CompletableFuture<SubmitJobs.Outcome>> submit(List<NewJob> jobs, boolean packed) {
        CostqSettings s = settings;
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.of(s.cluster()));
        List<CompletableFuture<SubmitJobs.Outcome>> out = perItem(pipeline, jobs, NewJob::partition,
                packed ? SubmitJobs.MAX_PER_CALL : 1, (p, call) -> SubmitJobs.call(partitions.keys(p), call, s.jobs()));
        pipeline.send();
        return out;
    }

    /**
     * Adds script calls for {@code items} to the pipeline, grouped by partition, at most {@code perCall} items per
     * call; each call answers a list with one reply per item. Returns one future per item, in order.
     */
    private <I, O> List<CompletableFuture<O>> perItem(ScriptExecutor.Pipeline pipeline, List<I> items, ToIntFunction<I> partitionOf,
                                                      int perCall, BiFunction<Integer, List<I>, ScriptCall<List<O>>> call) {
        List<CompletableFuture<O>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) out.add(new CompletableFuture<>());
        for (int p = 0; p < partitions.count(); p++) {
            List<Integer> mine = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) if (partitions.count() == 1 || partitionOf.applyAsInt(items.get(i)) == p) mine.add(i);
            for (int from = 0; from < mine.size(); from += perCall) {
                List<Integer> at = mine.subList(from, Math.min(mine.size(), from + perCall));
                List<I> these = new ArrayList<>(at.size());
                for (int i : at) these.add(items.get(i));
                pipeline.add(call.apply(p, these)).whenComplete((replies, e) -> {
                    for (int k = 0; k < at.size(); k++) {
                        if (e != null) out.get(at.get(k)).completeExceptionally(ScriptExecutor.unwrap(e));
                        else out.get(at.get(k)).complete(replies.get(k));
                    }
                });
            }
        }
        return out;
    }

    // ---- reads

    public Optional<JobView> job(String id) {
        int p = partitionOf(id);
        return p < 0 ? Optional.empty() : ScriptExecutor.join(reads.job(p, id));
    }

    public CompletableFuture<Optional<JobView>> jobAsync(String id) {
        int p = partitionOf(id);
        return p < 0 ? CompletableFuture.completedFuture(Optional.empty()) : reads.job(p, id);
    }

    /** The jobs of {@code ids} that exist (valid ids of this layout only), by id, read in one pipeline. */
    public Map<String, JobView> jobs(List<String> ids) {
        return reads.jobs(ids.stream().filter(id -> partitionOf(id) >= 0).toList());
    }

    /** Reads the job and marks it awaited (its end is published from now on), in one step. */
    public Optional<JobView> watch(String id, String scope) {
        int p = partitionOf(id);
        if (p < 0) return Optional.empty();
        Map<String, String> fields = scripts.call(WatchJob.call(partitions.keys(p), id, scope));
        return fields.isEmpty() ? Optional.empty() : Optional.of(JobHash.view(id, fields));
    }

    /** Jobs of every partition that pass the filter, newest first, from a cursor on (null: the newest); see {@link JobSearch}. */
    public io.costq.core.job.JobPage search(io.costq.core.job.JobFilter filter, String cursor, int limit) {
        return search.search(filter, cursor, limit);
    }

    /** Removes up to a bounded number of the partition's time-index entries whose job's retention ran out. */
    public int trimTimeIndex(int partition, long nowMs, int limit) {
        return search.trimOld(partition, nowMs - settings.jobs().retentionMs(), limit);
    }

    /** The most recently dead jobs of all partitions, newest first. */
    public List<JobView> dead(int limit) {
        return reads.dead(limit);
    }

    /** Ids of running jobs, up to {@code limit} per partition. */
    public List<String> running(int limit) {
        return reads.running(limit);
    }

    /** Every class queue of every partition and type seen as one (summed depths, oldest heads). Reads only. */
    public QueueSnapshot queues() {
        int classes = settings.classes();
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        List<CompletableFuture<QueueSnapshot>> each = new ArrayList<>();
        for (Keys k : partitions.all()) each.add(pipeline.add(ReportQueues.call(k, classes, List.of())));
        pipeline.send();
        List<QueueSnapshot> snapshots = each.stream().map(ScriptExecutor::join).toList();
        return snapshots.size() == 1 ? snapshots.get(0) : PartitionQueues.merge(snapshots, classes);
    }

    /** Per job type with queued jobs anywhere: {depth, oldest queued-at ms}, over classes and partitions. Reads only. */
    public Map<String, long[]> typeQueues() {
        int classes = settings.classes();
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        List<CompletableFuture<Map<String, long[]>>> each = new ArrayList<>();
        for (Keys k : partitions.all()) each.add(pipeline.add(ReportTypes.call(k, classes)));
        pipeline.send();
        Map<String, long[]> out = new java.util.TreeMap<>();
        for (var f : each) {
            ScriptExecutor.join(f).forEach((t, q) -> out.merge(t, q, (a, b) -> new long[] {a[0] + b[0],
                    a[0] == 0 ? b[1] : b[0] == 0 ? a[1] : Math.min(a[1], b[1])}));
        }
        return out;
    }

    /** Per channel name: {permits in use, jobs parked}, summed over partitions. */
    public Map<String, long[]> channelLoad(Collection<String> names) {
        return reads.channels(names);
    }

    /** The stats counters (staleCompletions, leaseExpiries) summed over partitions. */
    public Map<String, Long> stats() {
        return reads.stats();
    }

    // ---- operator transitions

    // each takes the caller's scope (io.costq.core.job.Tenants): a job outside it is NOT_FOUND, as one that does not exist

    public CancelJob.Outcome cancel(String id, long nowMs, String scope) {
        int p = partitionOf(id);
        if (p < 0) return CancelJob.Outcome.NOT_FOUND;
        CostqSettings s = settings;
        return scripts.call(CancelJob.call(partitions.keys(p), id, nowMs, s.jobs().retentionMs(), s.classes(), scope));
    }

    /** Deletes a finished job now (rather than at the end of its retention). */
    public DeleteJob.Outcome delete(String id, String scope) {
        int p = partitionOf(id);
        return p < 0 ? DeleteJob.Outcome.NOT_FOUND : scripts.call(DeleteJob.call(partitions.keys(p), id, scope));
    }

    public RetryJob.Outcome retry(String id, long nowMs, String scope) {
        int p = partitionOf(id);
        return p < 0 ? RetryJob.Outcome.NOT_FOUND : scripts.call(RetryJob.call(partitions.keys(p), id, nowMs, settings.classes(), scope));
    }

    public AckJob.Outcome ack(String id, long nowMs, String scope) {
        int p = partitionOf(id);
        return p < 0 ? AckJob.Outcome.NOT_FOUND
                : scripts.call(AckJob.call(partitions.keys(p), id, nowMs, settings.jobs().retentionMs(), scope));
    }

    // ---- the worker's transitions

    /** What one claim brought: the jobs, and the queues' state when the claim asked for it (else null). */
    public record Claimed(List<ClaimedJob> jobs, QueueSnapshot queues) {
    }

    /**
     * Claims in one round trip: parked jobs of channels with room are released first (when this node knows of
     * channels; their widths are the ones stored in Redis); with {@link Claim#report()} due retries are promoted before and every queue is reported after.
     */
    public Claimed claim(int partition, Claim claim) {
        CostqSettings s = settings;
        Keys keys = partitions.keys(partition);
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        letDueJobsIn(pipeline, keys, claim.nowMs(), claim.report(), s);
        CompletableFuture<List<ClaimedJob>> jobs = pipeline.add(ClaimJobs.call(keys, claim, s.jobs().retentionMs()));
        CompletableFuture<QueueSnapshot> queues = claim.report() ? pipeline.add(ReportQueues.call(keys, s.classes(), claim.types())) : null;
        pipeline.send();
        List<ClaimedJob> claimed = ScriptExecutor.join(jobs);
        // the jobs are this node's now: a report that failed only means the next decision reads the queues again
        return new Claimed(claimed, queues != null && ok(queues) ? queues.join() : null);
    }

    /** {@link #lookAtQueues(int, long, List)} over every type. */
    public QueueSnapshot lookAtQueues(int partition, long nowMs) {
        return lookAtQueues(partition, nowMs, List.of());
    }

    /**
     * The worker's look at a partition's queues of its {@code types} (empty: all): due retries and parked jobs with
     * room go in first, then the report.
     */
    public QueueSnapshot lookAtQueues(int partition, long nowMs, List<String> types) {
        CostqSettings s = settings;
        Keys keys = partitions.keys(partition);
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        letDueJobsIn(pipeline, keys, nowMs, true, s);
        CompletableFuture<QueueSnapshot> queues = pipeline.add(ReportQueues.call(keys, s.classes(), types));
        pipeline.send();
        return ScriptExecutor.join(queues);
    }

    private static void letDueJobsIn(ScriptExecutor.Pipeline pipeline, Keys keys, long nowMs, boolean retries, CostqSettings s) {
        if (!s.delivery().channels().isEmpty()) pipeline.add(ReleaseParked.call(keys, nowMs, s.classes()));
        if (retries) pipeline.add(PromoteRetries.call(keys, nowMs, s.classes()));
    }

    private static boolean ok(CompletableFuture<?> f) {
        try {
            f.join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Records run ends: one call per partition, all in one pipeline. Each ending's future completes with its outcome,
     * or with its partition's call's error (that call recorded nothing).
     */
    public List<CompletableFuture<CompleteJobs.Outcome>> complete(List<Ending> endings, long nowMs) {
        CostqSettings s = settings;
        int window = s.estimator().window();
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        List<CompletableFuture<CompleteJobs.Outcome>> out = perItem(pipeline, endings, e -> partitionOf(e.job().id()),
                Integer.MAX_VALUE, (p, these) -> CompleteJobs.call(partitions.keys(p), these,
                        e -> e.job().history().partition(partitions) == p, nowMs, window, s.jobs().retentionMs()));
        pipeline.send();
        if (partitions.count() > 1) addRunsElsewhere(endings, out, window);
        return out;
    }

    /** Successful runs whose user's history is in another partition join it right after; losing one only ages an estimate. */
    private void addRunsElsewhere(List<Ending> endings, List<CompletableFuture<CompleteJobs.Outcome>> outcomes, int window) {
        List<Ending> elsewhere = new ArrayList<>();
        for (int i = 0; i < endings.size(); i++) {
            Ending e = endings.get(i);
            if (e.end() != Ending.End.SUCCEEDED || e.job().history().partition(partitions) == partitionOf(e.job().id())) continue;
            if (ok(outcomes.get(i)) && outcomes.get(i).join() == CompleteJobs.Outcome.DONE) elsewhere.add(e);
        }
        try {
            reads.addRuns(elsewhere, window);
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(JobStore.class).debug("could not add runs to histories in other partitions: {}", ex.toString());
        }
    }

    /** A retryable failure without a stack trace. */
    public FailJob.Outcome fail(ClaimedJob job, String error, long nowMs, long retryAtMs, long durationMs) {
        return fail(job, FailJob.Failure.retryable(error), nowMs, retryAtMs, durationMs);
    }

    public FailJob.Outcome fail(ClaimedJob job, FailJob.Failure failure, long nowMs, long retryAtMs, long durationMs) {
        return scripts.call(FailJob.call(partitions.keys(partitionOf(job.id())), job, failure, nowMs, retryAtMs, durationMs,
                settings.jobs().retentionMs()));
    }

    /**
     * Renews the leases of {@code tokens} (job id to fencing token): one call per partition, in one pipeline. Jobs of a
     * partition whose call failed are listed as not renewed (with the error); the others as the script answered.
     */
    public Renewals renew(Map<String, Long> tokens, long nowMs, long leaseMs) {
        return LeaseRenewal.renew(scripts, partitions, tokens, nowMs, leaseMs);
    }

    /**
     * @param lost      jobs whose lease is lost (their handlers must stop)
     * @param unreached jobs whose partition did not answer: not renewed this round ({@code failure} says why)
     */
    public record Renewals(List<String> lost, List<String> cancelRequested, List<String> unreached, RuntimeException failure) {
    }

    /** The reaper's step on one partition: expired leases back to their queues (or DEAD), at most {@code limit}. */
    public RequeueExpired.Outcome requeueExpired(int partition, long nowMs, int limit) {
        CostqSettings s = settings;
        return scripts.call(RequeueExpired.call(partitions.keys(partition), nowMs, limit, s.jobs().retentionMs(), s.classes()));
    }

    /** Ack timeouts on one partition, at most {@code limit}: returns how many ended. */
    public long expireAcks(int partition, long nowMs, int limit) {
        return scripts.call(ExpireAcks.call(partitions.keys(partition), nowMs, limit, settings.jobs().retentionMs()));
    }

    /** After a change of the class count or the channels: queued jobs go where workers look. Returns how many moved. */
    public long reconcileQueues(int partition) {
        CostqSettings s = settings;
        return scripts.call(ReconcileQueues.call(partitions.keys(partition), s.classes(), s.delivery().channels().keySet()));
    }

    /** The partition named in a job id, or -1 for an id that is not one (or not of this layout). */
    private int partitionOf(String id) {
        return Ids.isValid(id) ? partitions.ofId(id) : -1;
    }
}
