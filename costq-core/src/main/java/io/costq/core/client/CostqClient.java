package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.InvalidInputException;
import io.costq.core.redis.AckJob;
import io.costq.core.redis.CancelJob;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.Keys;
import io.costq.core.redis.PartitionQueues;
import io.costq.core.redis.Partitions;
import io.costq.core.redis.RetryJob;
import io.costq.core.redis.LuaScript;
import io.costq.core.redis.SubmitJobs;
import io.costq.core.redis.WatchJob;
import io.costq.core.types.JobTypes;
import io.costq.model.ClassBounds;
import io.costq.model.ClassQueue;
import io.costq.model.Clock;
import io.costq.model.Estimate;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * costq's Java API: submit jobs (one, or many pipelined), read jobs, estimates, queues and nodes, and wait for a
 * job to finish. The REST API is a thin layer over this class; the benchmarks call it directly.
 * <p>With several partitions ({@link Partitions}) a job goes to its ordering key's or its user's partition and is
 * found again from its id; queues, channels and dead jobs are read from every partition and shown as one.
 */
public final class CostqClient implements AutoCloseable {
    private final RedissonClient redis;
    private final JobTypes types;
    private volatile CostqSettings settings;
    private final Partitions partitions;
    private final Keys keys;
    private final Clock clock;
    /** One submit in this many joins the recent-estimates sample: plenty for a median and quartiles. */
    private static final int RECENT_SAMPLE_EVERY = 4;
    private final Ids ids = new Ids();
    private volatile SubmitValidator validator;
    private volatile Classification classification;
    private volatile List<SubmitJobs> submitJobs;
    private volatile List<ClaimJobs> claimJobs;
    private final List<CancelJob> cancelJobs;
    private final List<RetryJob> retryJobs;
    private final List<WatchJob> watchJobs;
    private final List<AckJob> ackJobs;
    private final java.util.concurrent.atomic.AtomicLong submits = new java.util.concurrent.atomic.AtomicLong();
    private final CompletionWaiter waiter;
    private final SubmitCoalescer<Prepared> coalescer;

    public CostqClient(RedissonClient redis, CostqSettings settings, JobTypes types, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.types = types;
        this.partitions = new Partitions(settings.keyPrefix(), settings.partitions());
        this.keys = partitions.global();
        this.clock = clock;
        this.validator = new SubmitValidator(types, settings);
        this.classification = new Classification(redis, partitions, settings);
        this.submitJobs = each(k -> new SubmitJobs(redis, k, settings.jobs().recentEstimatesCap()));
        this.claimJobs = each(k -> new ClaimJobs(redis, k, settings.jobs().retentionMs()));
        this.cancelJobs = each(k -> new CancelJob(redis, k));
        this.retryJobs = each(k -> new RetryJob(redis, k));
        this.watchJobs = each(k -> new WatchJob(redis, k));
        this.ackJobs = each(k -> new AckJob(redis, k));
        this.waiter = new CompletionWaiter(redis, keys);
        // one batch in Redis at a time: measured cheapest per submit and fastest (bench --only http, 1 vs 2 vs 4)
        this.coalescer = new SubmitCoalescer<>(redis, new CoalescedSteps(), 1);
        classification.refresh();
    }

    /** Partition 0's keys: the node directory, live config and routes (and, with one partition, everything). */
    public Keys keys() {
        return keys;
    }

    public Partitions partitions() {
        return partitions;
    }

    private <T> List<T> each(java.util.function.Function<Keys, T> make) {
        return partitions.all().stream().map(make).toList();
    }

    public CostqSettings settings() {
        return settings;
    }

    /**
     * Applies new settings live (estimator, classes, job limits; the key prefix cannot change). Jobs already
     * queued keep their class; new submits use the new rules at once.
     */
    public synchronized void apply(CostqSettings next) {
        if (!next.keyPrefix().equals(settings.keyPrefix())) throw new IllegalArgumentException("the key prefix cannot change live");
        if (next.partitions() != settings.partitions()) throw new IllegalArgumentException("the partitions cannot change live");
        Classification c = new Classification(redis, partitions, next);
        c.refresh();
        this.validator = new SubmitValidator(types, next);
        this.submitJobs = each(k -> new SubmitJobs(redis, k, next.jobs().recentEstimatesCap()));
        this.claimJobs = each(k -> new ClaimJobs(redis, k, next.jobs().retentionMs()));
        this.classification = c;
        this.settings = next;
    }

    public Classification classification() {
        return classification;
    }

    /** Validates, estimates from the user's history, classifies and stores the job: two round trips. */
    public Submitted submit(SubmitRequest request) {
        return submit(request, null);
    }

    /** @param owner who submitted (an API key's name), so that submitters read only their own jobs; may be null */
    public Submitted submit(SubmitRequest request, String owner) {
        return submit(request, owner, false);
    }

    /** @param willWait true when the caller will {@link #awaitTerminal} the job: saves a round trip then */
    public Submitted submit(SubmitRequest request, String owner, boolean willWait) {
        String payload = validator.validate(request);
        List<Long> history = history(request.user());
        Prepared p = prepare(request, payload, history, owner, willWait);
        SubmitJobs submitJob = submitJobs.get(p.partition());
        var cluster = settings.cluster();
        SubmitJobs.Outcome outcome = cluster.waitReplicas() > 0
                ? submitJob.runReplicated(p.input(), cluster.waitReplicas(), cluster.waitTimeoutMs())
                : submitJob.run(p.input());
        return answer(p, outcome);
    }

    /**
     * {@link #submit(SubmitRequest, String, boolean)} without blocking: validated here (invalid input throws at
     * once), then stored together with the submits of other threads that arrive meanwhile, in two pipelined round
     * trips per batch ({@link SubmitCoalescer}). The future fails with this submit's own error only.
     */
    public CompletableFuture<Submitted> submitAsync(SubmitRequest request, String owner, boolean willWait) {
        String payload = validator.validate(request);
        return coalescer.submit(new SubmitCoalescer.Request(request, payload, owner, willWait));
    }

    /** The client's steps of a coalesced submit: the same as {@link #submit}'s, with the duplicate read async. */
    private final class CoalescedSteps implements SubmitCoalescer.Steps<Prepared> {
        @Override
        public String historyKey(String user) {
            return CostqClient.this.historyKey(user);
        }

        @Override
        public int historyWindow() {
            return classification.historyWindow();
        }

        @Override
        public Prepared prepare(SubmitCoalescer.Request r, List<Long> history) {
            return CostqClient.this.prepare(r.request(), r.payload(), history, r.owner(), r.willWait());
        }

        @Override
        public SubmitJobs.Input input(Prepared p) {
            return p.input();
        }

        @Override
        public SubmitJobs script(Prepared p) {
            return submitJobs.get(p.partition());
        }

        @Override
        public io.costq.core.ClusterSettings cluster() {
            return settings.cluster();
        }

        @Override
        public java.util.concurrent.CompletionStage<Submitted> answer(Prepared p, SubmitJobs.Outcome outcome) {
            if (outcome.code() != SubmitJobs.Code.DUPLICATE) return CompletableFuture.completedFuture(CostqClient.this.answer(p, outcome));
            return redis.<String, String>getMap(jobKey(outcome.id()), StringCodec.INSTANCE).readAllMapAsync()
                    .thenApply(h -> {
                        if (h.isEmpty()) return new Submitted(outcome.id(), p.input().costClass(), p.input().estimateMs(), true);
                        JobView j = JobView.of(h);
                        return new Submitted(j.id(), j.costClass(), j.estimateMs(), true);
                    });
        }
    }

    /**
     * Submits many jobs in two pipelined round trips: the histories of the batch's distinct users, then the stores,
     * up to {@link SubmitJobs#MAX_PER_CALL} jobs of one partition per script call. Every request is validated first;
     * one invalid request rejects the whole batch before anything is stored. Jobs of one ordering key keep their
     * order in the list.
     */
    public List<Submitted> submitAll(List<SubmitRequest> requests) {
        List<String> payloads = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                payloads.add(validator.validate(requests.get(i)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("[" + i + "]." + e.field(), "request " + i + ": " + e.getMessage());
            }
        }
        if (requests.isEmpty()) return List.of();
        RBatch reads = redis.createBatch(BatchOptions.defaults());
        Map<String, RFuture<List<String>>> histories = new HashMap<>();
        int window = classification.historyWindow();
        for (SubmitRequest r : requests) {
            histories.computeIfAbsent(r.user(), u -> reads.<String>getList(historyKey(u), StringCodec.INSTANCE).rangeAsync(0, window - 1));
        }
        reads.execute();
        Map<String, List<Long>> parsed = new HashMap<>();
        histories.forEach((user, f) -> parsed.put(user, parse(f.toCompletableFuture().join())));
        List<Prepared> prepared = new ArrayList<>(requests.size());
        List<List<Integer>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) byPartition.add(new ArrayList<>());
        for (int i = 0; i < requests.size(); i++) {
            SubmitRequest r = requests.get(i);
            Prepared p = prepare(r, payloads.get(i), parsed.get(r.user()), null, false);
            prepared.add(p);
            byPartition.get(p.partition()).add(i);
        }
        List<Call> calls = new ArrayList<>();
        for (int p = 0; p < byPartition.size(); p++) {
            List<Integer> mine = byPartition.get(p);
            for (int from = 0; from < mine.size(); from += SubmitJobs.MAX_PER_CALL) {
                calls.add(new Call(p, mine.subList(from, Math.min(mine.size(), from + SubmitJobs.MAX_PER_CALL))));
            }
        }
        List<List<Object>> replies = store(calls, prepared, true);
        Submitted[] out = new Submitted[requests.size()];
        for (int c = 0; c < calls.size(); c++) {
            List<Integer> jobs = calls.get(c).jobs();
            List<SubmitJobs.Outcome> outcomes = SubmitJobs.decode(replies.get(c), jobs.stream().map(i -> prepared.get(i).input().id()).toList());
            for (int j = 0; j < outcomes.size(); j++) out[jobs.get(j)] = answer(prepared.get(jobs.get(j)), outcomes.get(j));
        }
        return List.of(out);
    }

    /** One submitJobs call of {@link #submitAll}: jobs (indexes into the batch) of one partition. */
    private record Call(int partition, List<Integer> jobs) {
    }

    /**
     * Sends the calls as one pipeline and returns their replies in order. A primary that lacks the script (restarted,
     * failed over, or never used) answers NOSCRIPT without running the call: the script is loaded and those calls
     * alone are sent once more, so a bulk submit costs no SCRIPT LOAD round trip in the common case.
     */
    private List<List<Object>> store(List<Call> calls, List<Prepared> prepared, boolean reloadOnNoScript) {
        var cluster = settings.cluster();
        RBatch writes = redis.createBatch(cluster.submitBatchOptions());
        List<RFuture<List<Object>>> futures = new ArrayList<>(calls.size());
        for (Call c : calls) {
            futures.add(submitJobs.get(c.partition()).runAsync(writes, c.jobs().stream().map(i -> prepared.get(i).input()).toList()));
        }
        org.redisson.api.BatchResult<?> result = null;
        try {
            result = writes.execute();
        } catch (RuntimeException e) {
            if (!reloadOnNoScript || !LuaScript.isNoScript(e)) throw e;
        }
        List<List<Object>> replies = new ArrayList<>(calls.size());
        List<Call> refused = new ArrayList<>();
        List<Integer> refusedAt = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            try {
                replies.add(futures.get(c).toCompletableFuture().join());
            } catch (java.util.concurrent.CompletionException e) {
                if (!reloadOnNoScript || !LuaScript.isNoScript(e)) throw e;
                replies.add(null);
                refused.add(calls.get(c));
                refusedAt.add(c);
            }
        }
        if (!refused.isEmpty()) {
            submitJobs.get(0).ensureLoaded(); // SCRIPT LOAD reaches every primary
            List<List<Object>> again = store(refused, prepared, false);
            for (int k = 0; k < refused.size(); k++) replies.set(refusedAt.get(k), again.get(k));
        } else if (result != null && result.getSyncedSlaves() < cluster.waitReplicas()) {
            throw new io.costq.core.redis.NotReplicatedException(prepared.get(0).input().id() + " and " + (prepared.size() - 1)
                    + " more", result.getSyncedSlaves(), cluster.waitReplicas(), cluster.waitTimeoutMs());
        }
        return replies;
    }

    public Optional<JobView> get(String id) {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return Optional.empty();
        Map<String, String> h = redis.<String, String>getMap(jobKey(id), StringCodec.INSTANCE).readAllMap();
        return h.isEmpty() ? Optional.empty() : Optional.of(JobView.of(h));
    }

    /**
     * Waits up to waitMs for the job to reach a terminal state and returns it as it is then (terminal or not).
     */
    public Optional<JobView> awaitTerminal(String id, long waitMs) throws InterruptedException {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return Optional.empty();
        CompletableFuture<String> done = waiter.register(id);
        try {
            // marks the job as waited for, so its completion is published, and reads it, in one call
            Map<String, String> fields = watchJobs.get(partitions.ofId(id)).run(id);
            Optional<JobView> now = fields.isEmpty() ? Optional.empty() : Optional.of(JobView.of(fields));
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

    /** Cancels a queued job at once; asks a running job's node to stop it (it ends CANCELLED soon after). */
    public CancelJob.Outcome cancel(String id) {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return CancelJob.Outcome.NOT_FOUND;
        return cancelJobs.get(partitions.ofId(id)).run(id, clock.millis(), settings.classes(), settings.jobs().retentionMs());
    }

    /** Gives a DEAD job a fresh set of attempts. */
    public RetryJob.Outcome retry(String id) {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return RetryJob.Outcome.NOT_FOUND;
        return retryJobs.get(partitions.ofId(id)).run(id, clock.millis(), settings.classes());
    }

    /** The most recently dead jobs, newest first (at most {@code limit}); entries past their retention are skipped. */
    public List<JobView> dead(int limit) {
        List<org.redisson.client.protocol.ScoredEntry<String>> entries = new ArrayList<>();
        for (Keys k : partitions.all()) {
            entries.addAll(redis.<String>getScoredSortedSet(k.dead(), StringCodec.INSTANCE).entryRangeReversed(0, Math.max(0, limit - 1)));
        }
        // newest first across partitions (a stable sort keeps each partition's own order on equal times)
        entries.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        List<String> ids = entries.stream().limit(Math.max(0, limit)).map(org.redisson.client.protocol.ScoredEntry::getValue).toList();
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : ids) futures.add(batch.<String, String>getMap(jobKey(id), StringCodec.INSTANCE).readAllMapAsync());
        if (!futures.isEmpty()) batch.execute();
        List<JobView> out = new ArrayList<>();
        for (RFuture<Map<String, String>> f : futures) {
            Map<String, String> h = f.toCompletableFuture().join();
            if (!h.isEmpty() && "DEAD".equals(h.get("status"))) out.add(JobView.of(h));
        }
        return out;
    }

    public UserEstimate estimate(String user) {
        SubmitValidator.text("user", user, true);
        List<Long> history = history(user);
        Estimate e = classification.estimate(null, history);
        return new UserEstimate(user, history, e.ms(), e.source().name(), classification.bounds().classify(e.ms()));
    }

    public List<QueueView> queues() {
        long now = clock.millis();
        List<QueueSnapshot> each = new ArrayList<>(partitions.count());
        for (ClaimJobs c : claimJobs) each.add(c.snapshot(now, settings.classes(), settings.delivery().channels().values()));
        QueueSnapshot snapshot = partitions.count() == 1 ? each.get(0) : PartitionQueues.merge(each, settings.classes());
        ClassBounds bounds = classification.bounds();
        List<QueueView> out = new ArrayList<>();
        for (ClassQueue q : snapshot.classes()) {
            long upper = bounds.upperBoundMs(q.costClass());
            out.add(new QueueView(q.costClass(), q.depth(), q.isEmpty() ? 0 : Math.max(0, now - q.headQueuedAtMs()),
                    upper == Long.MAX_VALUE ? null : upper));
        }
        return out;
    }

    public List<NodeView> nodes() {
        long now = clock.millis();
        var ids = redis.<String>getScoredSortedSet(keys.nodes(), StringCodec.INSTANCE).readAll();
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : ids) futures.add(batch.<String, String>getMap(keys.node(id), StringCodec.INSTANCE).readAllMapAsync());
        if (!futures.isEmpty()) batch.execute();
        List<NodeView> out = new ArrayList<>();
        for (RFuture<Map<String, String>> f : futures) {
            Map<String, String> h = f.toCompletableFuture().join();
            if (h.isEmpty()) continue; // expired: the node stopped heart-beating
            out.add(new NodeView(h.get("id"), h.getOrDefault("role", "worker"), Double.parseDouble(h.getOrDefault("cpu", "0")),
                    Integer.parseInt(h.getOrDefault("runningTasks", "0")), Integer.parseInt(h.getOrDefault("maxTasks", "0")),
                    longs(h.getOrDefault("remainingMs", "")), Math.max(0, now - Long.parseLong(h.getOrDefault("lastSeen", "0"))),
                    h.get("uri")));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    @Override
    public void close() {
        waiter.close();
    }

    private List<Long> history(String user) {
        int window = classification.historyWindow();
        return parse(redis.<String>getList(historyKey(user), StringCodec.INSTANCE).range(0, window - 1));
    }

    private String historyKey(String user) {
        return partitions.keys(partitions.forUser(user)).history(user);
    }

    private String jobKey(String id) {
        return partitions.keys(partitions.ofId(id)).job(id);
    }

    private static List<Long> parse(List<String> raw) {
        return raw.stream().map(Long::parseLong).toList();
    }

    private static List<Long> longs(String csv) {
        if (csv.isEmpty()) return List.of();
        return Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
    }

    private record Prepared(SubmitJobs.Input input, Estimate estimate, int partition) {
    }

    private Prepared prepare(SubmitRequest r, String payload, List<Long> history, String owner, boolean notify) {
        Estimate e = classification.estimate(r.type(), history);
        int costClass = classification.bounds().classify(e.ms());
        long now = clock.millis();
        var jobs = settings.jobs();
        int partition = partitions.forJob(r.user(), r.orderingKey());
        var input = new SubmitJobs.Input(ids.next(now, partition, partitions.count()), r.user(), r.type(), payload, costClass, e.ms(), now,
                r.maxAttempts() == null ? jobs.defaultMaxAttempts() : r.maxAttempts(),
                r.timeoutMs() == null ? jobs.defaultTimeoutMs() : r.timeoutMs(), r.idempotencyKey(),
                jobs.idempotencyWindowMs(), r.startWithinMs() == null ? null : now + r.startWithinMs(), owner,
                submits.getAndIncrement() % RECENT_SAMPLE_EVERY == 0, notify, delivery(r));
        return new Prepared(input, e, partition);
    }

    private SubmitJobs.Delivery delivery(SubmitRequest r) {
        boolean awaitAck = Boolean.TRUE.equals(r.awaitAck());
        if (r.orderingKey() == null && r.channel() == null && !awaitAck) return SubmitJobs.Delivery.NONE;
        long ackTimeout = r.ackTimeoutMs() != null ? r.ackTimeoutMs() : settings.delivery().defaultAckTimeoutMs();
        return new SubmitJobs.Delivery(r.orderingKey(), r.channel(), awaitAck, ackTimeout);
    }

    /** An external ack for a job submitted with awaitAck (from any API instance: the state is in Redis). */
    public AckJob.Outcome ack(String id) {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return AckJob.Outcome.NOT_FOUND;
        return ackJobs.get(partitions.ofId(id)).run(id, clock.millis(), settings.jobs().retentionMs());
    }

    /** Every configured delivery channel: width, rate, permits in use, jobs held back. */
    public List<ChannelView> channels() {
        var configured = new java.util.TreeMap<>(settings.delivery().channels());
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Integer>> inUse = new ArrayList<>();
        List<RFuture<Integer>> waiting = new ArrayList<>();
        for (String name : configured.keySet()) {
            for (Keys k : partitions.all()) {
                inUse.add(batch.getScoredSortedSet(k.channelInUse(name), StringCodec.INSTANCE).sizeAsync());
                waiting.add(batch.getScoredSortedSet(k.channelWaiting(name), StringCodec.INSTANCE).sizeAsync());
            }
        }
        if (!configured.isEmpty()) batch.execute();
        List<ChannelView> out = new ArrayList<>();
        int i = 0;
        for (var c : configured.values()) {
            int used = 0;
            int held = 0;
            for (int p = 0; p < partitions.count(); p++, i++) {
                used += inUse.get(i).toCompletableFuture().join();
                held += waiting.get(i).toCompletableFuture().join();
            }
            out.add(new ChannelView(c.name(), c.maxConcurrency(), c.ratePerSecond(), used, held));
        }
        return out;
    }

    private Submitted answer(Prepared p, SubmitJobs.Outcome outcome) {
        return switch (outcome.code()) {
            case CREATED -> new Submitted(outcome.id(), p.input().costClass(), p.input().estimateMs(), false);
            case DUPLICATE -> get(outcome.id())
                    .map(j -> new Submitted(j.id(), j.costClass(), j.estimateMs(), true))
                    .orElse(new Submitted(outcome.id(), p.input().costClass(), p.input().estimateMs(), true));
            // ids carry 80 random bits: a taken id is this very submit, retried by the client after a lost reply
            case ID_TAKEN -> new Submitted(outcome.id(), p.input().costClass(), p.input().estimateMs(), false);
        };
    }
}
