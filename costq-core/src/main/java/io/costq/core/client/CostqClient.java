package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.InvalidInputException;
import io.costq.core.config.ConfigReport;
import io.costq.core.job.JobView;
import io.costq.core.job.Tenants;
import io.costq.core.store.AckJob;
import io.costq.core.store.CancelJob;
import io.costq.core.store.History;
import io.costq.core.store.JobStore;
import io.costq.core.store.Keys;
import io.costq.core.store.NodeDirectory;
import io.costq.core.store.Notices;
import io.costq.core.store.Partitions;
import io.costq.core.store.RetryJob;
import io.costq.core.store.SubmitJobs;
import io.costq.core.types.JobTypes;
import io.costq.core.types.TypeGate;
import io.costq.model.ClassBounds;
import io.costq.model.ClassQueue;
import io.costq.model.Clock;
import io.costq.model.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RedissonClient;

/**
 * costq's Java API: submit jobs (one, many, or coalesced with other threads'), read jobs, estimates, queues and
 * nodes, and wait for a job to finish. The REST API is a thin layer over this class; the benchmarks call it
 * directly. All storage goes through the {@link JobStore}.
 */
public final class CostqClient implements AutoCloseable {
    private final JobStore store;
    private final NodeDirectory nodes;
    private final TypeGate types;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final AtomicLong submits = new AtomicLong();
    private final SubmitPipeline pipeline;
    private final SubmitCoalescer coalescer;
    private final CompletionWaiter waiter;
    private volatile CostqSettings settings;
    private volatile SubmitPreparer preparer;

    /** A client that submits only the types of {@code types}. */
    public CostqClient(RedissonClient redis, CostqSettings settings, JobTypes types, Clock clock) {
        this(redis, settings, TypeGate.of(types), clock);
    }

    /** @param types which job types may be submitted, and their payload checks */
    public CostqClient(RedissonClient redis, CostqSettings settings, TypeGate types, Clock clock) {
        this.store = new JobStore(redis, settings);
        Keys global = store.partitions().global();
        this.nodes = new NodeDirectory(redis, global);
        this.types = types;
        this.clock = clock;
        this.settings = settings;
        this.preparer = preparer(settings);
        this.pipeline = new SubmitPipeline(store, () -> preparer);
        // one batch in Redis at a time: measured cheapest per submit and fastest (bench --only http, 1 vs 2 vs 4)
        this.coalescer = new SubmitCoalescer(batch -> pipeline.run(batch, false), 1);
        this.waiter = new CompletionWaiter(new Notices(redis, global));
    }

    private SubmitPreparer preparer(CostqSettings s) {
        SubmitPreparer p = new SubmitPreparer(s, types, store.partitions(), clock, ids, submits);
        p.refresh(store.recentEstimates(s.jobs().recentEstimatesCap()));
        return p;
    }

    /** Partition 0's keys: the node directory, live config and routes (and, with one partition, everything). */
    public Keys keys() {
        return store.partitions().global();
    }

    public Partitions partitions() {
        return store.partitions();
    }

    /** The store this client reads and writes through; it follows the settings the client {@link #apply applies}. */
    public JobStore store() {
        return store;
    }

    public CostqSettings settings() {
        return settings;
    }

    /** The preparer of the settings in force (delayed-job promotion and schedules estimate through it). */
    SubmitPreparer preparer() {
        return preparer;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Applies new settings live (estimator, classes, job limits; the key prefix and partitions cannot change). Jobs
     * already queued keep their class; new submits use the new rules at once.
     */
    public synchronized void apply(CostqSettings next) {
        store.apply(next);
        this.preparer = preparer(next);
        this.settings = next;
    }

    /** Re-reads the recent-estimates sample (cold-start median, adaptive bounds): on a schedule, not per job. */
    public void refreshEstimates() {
        preparer.refresh(store.recentEstimates(settings.jobs().recentEstimatesCap()));
    }

    /** Validates, estimates from the user's history, classifies and stores the job: two round trips. */
    public Submitted submit(SubmitRequest request) {
        return submit(Submitter.SDK, request, false);
    }

    /**
     * @param owner   who submitted (an API key's name), recorded on the job; may be null. The job is the default tenant's
     * @param awaited true when the caller will {@link #awaitTerminal} the job: its end is published then
     */
    public Submitted submit(SubmitRequest request, String owner, boolean awaited) {
        return submit(new Submitter(owner, Tenants.DEFAULT, 0), request, awaited);
    }

    /**
     * @param who     who submits: the job is {@code who}'s tenant's, estimated from that tenant's histories; over the
     *                tenant's cap the submit fails with {@link io.costq.core.job.TenantOverCapException}, nothing stored
     * @param awaited true when the caller will {@link #awaitTerminal} the job: its end is published then
     */
    public Submitted submit(Submitter who, SubmitRequest request, boolean awaited) {
        SubmitPipeline.Pending p = new SubmitPipeline.Pending(preparer.validate(request, who, awaited), new CompletableFuture<>());
        pipeline.runHere(List.of(p), false);
        return join(p.answer());
    }

    /**
     * {@link #submit(SubmitRequest, String, boolean)} without blocking: validated here (invalid input throws at
     * once), then stored together with the submits of other threads that arrive meanwhile, in two pipelined round
     * trips per batch ({@link SubmitCoalescer}). The future fails with this submit's own error only.
     */
    public CompletableFuture<Submitted> submitAsync(SubmitRequest request, String owner, boolean awaited) {
        return submitAsync(new Submitter(owner, Tenants.DEFAULT, 0), request, awaited);
    }

    /** {@link #submit(Submitter, SubmitRequest, boolean)} without blocking, as above. */
    public CompletableFuture<Submitted> submitAsync(Submitter who, SubmitRequest request, boolean awaited) {
        return coalescer.submit(preparer.validate(request, who, awaited));
    }

    /**
     * Submits many jobs in two pipelined round trips: the histories of the batch's distinct users, then the stores,
     * up to {@link SubmitJobs#MAX_PER_CALL} jobs of one partition per script call. Every request is validated first;
     * one invalid request rejects the whole batch before anything is stored. Jobs of one ordering key keep their
     * order in the list.
     */
    public List<Submitted> submitAll(List<SubmitRequest> requests) {
        SubmitPreparer prep = preparer;
        List<SubmitPipeline.Pending> batch = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                batch.add(new SubmitPipeline.Pending(prep.validate(requests.get(i), Submitter.SDK, false), new CompletableFuture<>()));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("[" + i + "]." + e.field(), "request " + i + ": " + e.getMessage());
            }
        }
        if (batch.isEmpty()) return List.of();
        pipeline.runHere(batch, true);
        List<Submitted> out = new ArrayList<>(batch.size());
        for (SubmitPipeline.Pending p : batch) out.add(join(p.answer()));
        return out;
    }

    /** Whether this request, submitted now, starts SCHEDULED (a delay or a runAt after now). */
    public boolean isDelayed(SubmitRequest request) {
        return SubmitPreparer.dueAt(request, clock.millis()) != null;
    }

    public Optional<JobView> get(String id) {
        return store.job(id);
    }

    /** Waits up to waitMs for the job to reach a terminal state and returns it as it is then (terminal or not). */
    public Optional<JobView> awaitTerminal(String id, long waitMs) throws InterruptedException {
        return awaitTerminal(id, waitMs, Tenants.ALL);
    }

    /** The same for a caller of {@code scope} (its tenants): a job outside it is not marked and reads as absent. */
    public Optional<JobView> awaitTerminal(String id, long waitMs, String scope) throws InterruptedException {
        if (!Ids.isValid(id)) return Optional.empty();
        CompletableFuture<String> done = waiter.register(id);
        try {
            Optional<JobView> now = store.watch(id, scope); // marks it awaited, so its end is published, and reads it
            if (now.isEmpty() || now.get().status().isTerminal() || waitMs <= 0) return now;
            try {
                done.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not finished in time: answer with the current state
            }
            return get(id);
        } finally {
            waiter.unregister(id, done);
        }
    }

    /** Jobs that pass the filter, newest first, a bounded look per page (a sparse filter may answer a short page). */
    public io.costq.core.job.JobPage search(io.costq.core.job.JobFilter filter, String cursor, int limit) {
        return store.search(filter, cursor, limit);
    }

    /** Cancels a queued job at once; asks a running job's node to stop it (it ends CANCELLED soon after). */
    public CancelJob.Outcome cancel(String id) {
        return cancel(id, Tenants.ALL);
    }

    // the by-id actions for a caller of a scope (its tenants, io.costq.core.job.Tenants): a job of another tenant is
    // NOT_FOUND, decided inside the script before any other check (no read-then-act race)

    public CancelJob.Outcome cancel(String id, String scope) {
        return store.cancel(id, clock.millis(), scope);
    }

    /** Deletes a finished job (its record, its dead-list and search entries) before its retention runs out. */
    public io.costq.core.store.DeleteJob.Outcome delete(String id) {
        return delete(id, Tenants.ALL);
    }

    public io.costq.core.store.DeleteJob.Outcome delete(String id, String scope) {
        return store.delete(id, scope);
    }

    /** Gives a DEAD or FAILED job a fresh set of attempts. */
    public RetryJob.Outcome retry(String id) {
        return retry(id, Tenants.ALL);
    }

    public RetryJob.Outcome retry(String id, String scope) {
        return store.retry(id, clock.millis(), scope);
    }

    /** An external ack for a job submitted with awaitAck (from any API instance: the state is in Redis). */
    public AckJob.Outcome ack(String id) {
        return ack(id, Tenants.ALL);
    }

    public AckJob.Outcome ack(String id, String scope) {
        return store.ack(id, clock.millis(), scope);
    }

    /** The most recently dead jobs, newest first (at most {@code limit}); entries past their retention are skipped. */
    public List<JobView> dead(int limit) {
        return store.dead(limit);
    }

    /** Ids of jobs running anywhere, up to {@code limit} per partition. */
    public List<String> running(int limit) {
        return store.running(limit);
    }

    /** The stats counters (staleCompletions, leaseExpiries), summed over partitions. */
    public Map<String, Long> stats() {
        return store.stats();
    }

    /**
     * The estimate the next job of {@code type} by {@code user} would get: from the user's runs of the type, or from
     * the runs of {@code costKey} when not null (as a submit naming that cost key).
     */
    public UserEstimate estimate(String user, String type, String costKey) {
        return estimate(Tenants.DEFAULT, user, type, costKey);
    }

    /** The same for a tenant's user (or cost key): each tenant's histories are its own. */
    public UserEstimate estimate(String tenant, String user, String type, String costKey) {
        SubmitPreparer.text("user", user, true);
        SubmitPreparer.text("type", type, true);
        TypeGate.requireName(type);
        SubmitPreparer.text("costKey", costKey, false);
        SubmitPreparer prep = preparer;
        History h = History.of(tenant, user, type, costKey);
        List<Long> history = join(store.histories(List.of(h), prep.historyWindow()).get(h));
        Estimate e = prep.estimate(type, history);
        return new UserEstimate(user, history, e.ms(), e.source().name(), prep.bounds().classify(e.ms()), type, costKey);
    }

    /** Every class queue (all partitions as one): depth, age of its head, upper bound. Reads only. */
    public List<QueueView> queues() {
        long now = clock.millis();
        ClassBounds bounds = preparer.bounds();
        List<QueueView> out = new ArrayList<>();
        for (ClassQueue q : store.queues().classes()) {
            long upper = bounds.upperBoundMs(q.costClass());
            out.add(new QueueView(q.costClass(), q.depth(), q.isEmpty() ? 0 : Math.max(0, now - q.headQueuedAtMs()),
                    upper == Long.MAX_VALUE ? null : upper));
        }
        return out;
    }

    /** Asks a node to drain (or, {@code drain} false, to pull again); it reads this with its next heartbeat. */
    public void drainNode(String nodeId, boolean drain) {
        nodes.drain(nodeId, drain, clock.millis());
    }

    public List<NodeView> nodes() {
        long now = clock.millis();
        List<NodeView> out = new ArrayList<>();
        for (Map<String, String> h : nodes.nodes()) {
            out.add(new NodeView(h.get("id"), h.getOrDefault("role", "worker"), Double.parseDouble(h.getOrDefault("cpu", "0")),
                    Integer.parseInt(h.getOrDefault("runningTasks", "0")), Integer.parseInt(h.getOrDefault("maxTasks", "0")),
                    longs(h.getOrDefault("remainingMs", "")), Math.max(0, now - Long.parseLong(h.getOrDefault("lastSeen", "0"))),
                    h.get("uri"), h.getOrDefault("types", "").isEmpty() ? List.of() : List.of(h.get("types").split(",")),
                    h.containsKey("draining"), ConfigReport.of(h)));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /**
     * Every job type with queued jobs or advertised by a worker: how many wait, the oldest's age, when a worker last
     * advertised it. Sorted by name.
     */
    public List<TypeView> types() {
        long now = clock.millis();
        Map<String, long[]> queued = store.typeQueues();
        Map<String, Long> seen = nodes.advertisedTypes();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(queued.keySet());
        names.addAll(seen.keySet());
        List<TypeView> out = new ArrayList<>(names.size());
        for (String t : names) {
            long[] q = queued.getOrDefault(t, new long[2]);
            Long at = seen.get(t);
            out.add(new TypeView(t, q[0], q[0] == 0 ? 0 : Math.max(0, now - q[1]), at == null ? null : Math.max(0, now - at)));
        }
        return out;
    }

    /** When each type was last advertised by a worker (epoch ms): what the API's type gate reads. */
    public Map<String, Long> advertisedTypes() {
        return nodes.advertisedTypes();
    }

    /**
     * Every delivery channel: width, rate and pause as stored in Redis (what the claims enforce; this process's
     * config for a channel not stored yet), permits in use, jobs held back.
     */
    public List<ChannelView> channels() {
        var all = new TreeMap<>(settings.delivery().channels());
        all.putAll(store.channels().stored().channels());
        Map<String, long[]> load = store.channelLoad(all.keySet());
        List<ChannelView> out = new ArrayList<>();
        for (var c : all.values()) {
            long[] l = load.get(c.name());
            out.add(new ChannelView(c.name(), c.maxConcurrency(), c.ratePerSecond(), c.paused(), (int) l[0], (int) l[1]));
        }
        return out;
    }

    @Override
    public void close() {
        waiter.close();
    }

    private static List<Long> longs(String csv) {
        if (csv.isEmpty()) return List.of();
        return Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
    }

    /** The answer, or its failure rethrown as raised (a Redis error, invalid input...). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = SubmitPipeline.unwrap(e);
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(cause);
        }
    }
}
