package io.costq.api.workers;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobView;
import io.costq.core.store.Claim;
import io.costq.core.store.CompleteJobs;
import io.costq.core.store.Ending;
import io.costq.core.store.FailJob;
import io.costq.core.store.JobStore;
import io.costq.core.store.NodeDirectory;
import io.costq.core.store.PartitionQueues;
import io.costq.core.worker.Backoff;
import io.costq.model.Clock;
import io.costq.model.CostqPickPolicy;
import io.costq.model.Decision;
import io.costq.model.NodeSnapshot;
import io.costq.model.PickPolicy;
import io.costq.model.PolicySettings;
import io.costq.model.QueueSnapshot;
import io.costq.model.RunningTask;
import io.costq.quarkus.CostqConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RedissonClient;

/**
 * Workers in any language, over HTTP: the store transitions a Java node makes ({@link JobStore#claim},
 * {@link JobStore#renew}, {@link JobStore#complete}, {@link JobStore#fail}), made on behalf of a remote worker that
 * sends its own state. The claim decides with the production {@link CostqPickPolicy} on the worker's snapshot, as
 * {@code WorkerEngine} does on its own; leases, fencing tokens, retries, ordering keys, channels and acks are the
 * scripts' and so the same for both. A worker appears in the node directory (role {@code worker}) while it claims.
 */
@Singleton
public class RemoteWorkers {
    /** Why a renew, complete or fail changed nothing. */
    public enum Refusal { NOT_FOUND, NOT_RUNNING, STALE_TOKEN }

    /** What a renew, complete or fail did ({@code answer}), or why it did nothing ({@code refusal}). */
    public record Outcome<T>(T answer, Refusal refusal) {
        static <T> Outcome<T> of(T answer) {
            return new Outcome<>(answer, null);
        }

        static <T> Outcome<T> refused(Refusal why) {
            return new Outcome<>(null, why);
        }
    }

    private final CostqClient client;
    private final Clock clock;
    private final CostqConfig.Worker nodes;
    private final NodeDirectory directory;
    /** Per remote node: when this API instance last wrote its directory entry. */
    private final Map<String, Long> lastBeat = new ConcurrentHashMap<>();
    private volatile Policy policy;
    private volatile Retries retries;

    /** The pick policy of the settings it was made from (rebuilt when the live config changes them). */
    private record Policy(PolicySettings settings, PickPolicy pick) {
    }

    private record Retries(CostqSettings.RetrySettings settings, Backoff backoff) {
    }

    @Inject
    public RemoteWorkers(CostqClient client, Clock clock, CostqConfig config,
                         @io.smallrye.common.annotation.Identifier("costq") RedissonClient redis) {
        this.client = client;
        this.clock = clock;
        this.nodes = config.worker();
        this.directory = new NodeDirectory(redis, client.keys());
    }

    /**
     * One decision for {@code node}: what its snapshot lets it take now, claimed under a lease. An empty list when
     * the policy says wait, the queues are empty, or another node was faster.
     */
    public List<RunAnswers.Claimed> claim(String node, ClaimBody.Valid c) {
        long now = clock.millis();
        CostqSettings s = client.settings();
        heartbeat(node, c, now);
        if (c.max() == 0) return List.of();
        JobStore store = client.store();
        int partitions = store.partitions().count();
        List<QueueSnapshot> seen = new ArrayList<>(partitions);
        List<String> types = List.copyOf(c.types());
        for (int p = 0; p < partitions; p++) seen.add(store.lookAtQueues(p, now, types)); // due retries go in first
        QueueSnapshot queues = partitions == 1 ? seen.get(0) : PartitionQueues.merge(seen, s.classes());
        PickPolicy pick = policy(s);
        if (!(pick.pick(c.node(), queues, now) instanceof Decision.Take take)) return List.of();
        int k = take.costClass();
        int p = partitions == 1 ? 0 : PartitionQueues.oldestHead(seen, k);
        int n = pick.batch(c.node(), queues, k, c.max(), now);
        if (partitions > 1) n = (int) Math.max(1, Math.min(n, seen.get(p).classes().get(k).depth()));
        // only the queues of the worker's types: a remote worker never takes a job it cannot run
        long leaseMs = s.lease().leaseMs();
        List<ClaimedJob> jobs = store.claim(p, new Claim(k, n, node, now, leaseMs, false, types)).jobs();
        List<RunAnswers.Claimed> out = new ArrayList<>(jobs.size());
        for (ClaimedJob j : jobs) {
            out.add(new RunAnswers.Claimed(j.id(), j.type(), j.user(), j.payloadJson(), j.token(), leaseMs, j.attempt(),
                    j.estimateMs(), j.timeoutMs(), Instant.ofEpochMilli(now + j.timeoutMs()).toString(), j.costClass()));
        }
        return out;
    }

    /** Renews the lease of a job held under {@code token} for another lease length from now. */
    public Outcome<RunAnswers.Renewed> renew(String id, long token) {
        long now = clock.millis();
        long leaseMs = client.settings().lease().leaseMs();
        JobStore.Renewals r = client.store().renew(Map.of(id, token), now, leaseMs);
        if (r.failure() != null) throw r.failure();
        if (r.lost().contains(id)) return Outcome.refused(whyNot(id, token));
        return Outcome.of(new RunAnswers.Renewed(id, leaseMs, r.cancelRequested().contains(id)));
    }

    /**
     * Records a successful run (its result joins the job; its duration, the user's history).
     *
     * @param durationMs the run's time as the worker measured it, or null for the time since the claim
     */
    public Outcome<RunAnswers.Ended> complete(String id, long token, String resultJson, Long durationMs) {
        Optional<JobView> seen = client.store().job(id);
        if (seen.isEmpty()) return Outcome.refused(Refusal.NOT_FOUND);
        JobView v = seen.get();
        long now = clock.millis();
        CompleteJobs.Outcome o = end(new Ending(held(v, token), Ending.End.SUCCEEDED, resultJson, ranMs(v, now, durationMs)), now);
        if (o != CompleteJobs.Outcome.DONE) return Outcome.refused(refusal(o));
        String status = v.awaitAck() && v.ackedEarly() == null ? "AWAITING_ACK" : "SUCCEEDED";
        return Outcome.of(new RunAnswers.Ended(id, status));
    }

    /** Records a failed run: a retryable one is retried after the backoff while attempts remain (else DEAD). */
    public Outcome<RunAnswers.Ended> fail(String id, long token, String error, boolean retryable, Long durationMs) {
        Optional<JobView> seen = client.store().job(id);
        if (seen.isEmpty()) return Outcome.refused(Refusal.NOT_FOUND);
        JobView v = seen.get();
        long now = clock.millis();
        ClaimedJob job = held(v, token);
        if (!retryable) {
            CompleteJobs.Outcome o = end(new Ending(job, Ending.End.FAILED, error, ranMs(v, now, durationMs)), now);
            return o == CompleteJobs.Outcome.DONE ? Outcome.of(new RunAnswers.Ended(id, "FAILED")) : Outcome.refused(refusal(o));
        }
        FailJob.Outcome o = client.store().fail(job, error, now, now + backoff(client.settings()).delayMs(v.attempts()), ranMs(v, now, durationMs));
        return switch (o) {
            case RETRY_SCHEDULED -> Outcome.of(new RunAnswers.Ended(id, "QUEUED"));
            case DEAD -> Outcome.of(new RunAnswers.Ended(id, "DEAD"));
            case FAILED -> Outcome.of(new RunAnswers.Ended(id, "FAILED"));
            case CANCELLED -> Outcome.of(new RunAnswers.Ended(id, "CANCELLED"));
            case NOT_RUNNING -> Outcome.refused(Refusal.NOT_RUNNING);
            case STALE_TOKEN -> Outcome.refused(Refusal.STALE_TOKEN);
        };
    }

    /** The job as its holder would describe it to the store (the scripts check the token; the rest is the job's). */
    private static ClaimedJob held(JobView v, long token) {
        return new ClaimedJob(v.id(), token, v.user(), v.type(), v.payloadJson(), v.estimateMs(), v.attempts(), 0,
                v.queuedAt() == null ? 0 : v.queuedAt(), v.costClass(), v.costKey(), v.tenant());
    }

    /** The worker's measure of the run, no longer than the time since the claim (the server's clock). */
    private static long ranMs(JobView v, long now, Long reported) {
        long sinceClaim = v.startedAt() == null ? 0 : Math.max(0, now - v.startedAt());
        return reported == null ? sinceClaim : Math.min(reported, sinceClaim);
    }

    private CompleteJobs.Outcome end(Ending ending, long now) {
        CompletableFuture<CompleteJobs.Outcome> f = client.store().complete(List.of(ending), now).get(0);
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private static Refusal refusal(CompleteJobs.Outcome o) {
        return o == CompleteJobs.Outcome.STALE_TOKEN ? Refusal.STALE_TOKEN : Refusal.NOT_RUNNING;
    }

    /** Why a renewal was refused: no such job, a job no longer running, or one held under another token. */
    private Refusal whyNot(String id, long token) {
        return client.store().job(id).map(v -> v.status() != io.costq.core.job.JobState.RUNNING ? Refusal.NOT_RUNNING
                : Refusal.STALE_TOKEN).orElse(Refusal.NOT_FOUND);
    }

    private PickPolicy policy(CostqSettings s) {
        Policy p = policy;
        if (p == null || !p.settings().equals(s.policy())) policy = p = new Policy(s.policy(), new CostqPickPolicy(s.policy()));
        return p.pick();
    }

    private Backoff backoff(CostqSettings s) {
        Retries r = retries;
        if (r == null || !r.settings().equals(s.retry())) retries = r = new Retries(s.retry(), new Backoff(s.retry(), System.nanoTime()));
        return r.backoff();
    }

    /** The node's directory entry, as a Java node publishes it: written at most once per heartbeat period. */
    private void heartbeat(String node, ClaimBody.Valid c, long now) {
        Long last = lastBeat.get(node);
        if (last != null && now - last < nodes.heartbeatMs() && now >= last) return;
        lastBeat.put(node, now);
        if (lastBeat.size() > 10_000) lastBeat.clear(); // node ids come from callers: keep the map bounded
        NodeSnapshot snap = c.node();
        List<Long> remaining = new ArrayList<>();
        for (RunningTask t : snap.running()) remaining.add(t.remainingMs());
        remaining.sort(null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("role", "worker");
        fields.put("cpu", String.format(Locale.ROOT, "%.3f", snap.cpu()));
        fields.put("cores", String.valueOf(snap.cores()));
        fields.put("runningTasks", String.valueOf(snap.running().size()));
        fields.put("maxTasks", String.valueOf(snap.maxTasks()));
        fields.put("remainingMs", String.join(",", remaining.stream().map(String::valueOf).toList()));
        fields.put("uri", "");
        fields.put("types", String.join(",", new java.util.TreeSet<>(c.types())));
        directory.heartbeat(node, now, nodes.nodeTtlMs(), fields, List.copyOf(c.types())); // advertises its types
    }
}
