package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.redis.AckJob;
import io.costq.core.redis.CancelJob;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.Keys;
import io.costq.core.redis.PartitionQueues;
import io.costq.core.redis.Partitions;
import io.costq.core.redis.RetryJob;
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
    private volatile CostqSettings settings;
    private final Partitions partitions;
    private final Keys keys;
    private final Clock clock;
    private final SubmitPath submits;
    private volatile List<ClaimJobs> claimJobs;
    private final List<CancelJob> cancelJobs;
    private final List<RetryJob> retryJobs;
    private final List<WatchJob> watchJobs;
    private final List<AckJob> ackJobs;
    private final CompletionWaiter waiter;

    public CostqClient(RedissonClient redis, CostqSettings settings, JobTypes types, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.partitions = new Partitions(settings.keyPrefix(), settings.partitions());
        this.keys = partitions.global();
        this.clock = clock;
        this.submits = new SubmitPath(redis, partitions, types, clock, settings);
        this.claimJobs = each(k -> new ClaimJobs(redis, k, settings.jobs().retentionMs()));
        this.cancelJobs = each(k -> new CancelJob(redis, k));
        this.retryJobs = each(k -> new RetryJob(redis, k));
        this.watchJobs = each(k -> new WatchJob(redis, k));
        this.ackJobs = each(k -> new AckJob(redis, k));
        this.waiter = new CompletionWaiter(redis, keys);
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
        submits.apply(next);
        this.claimJobs = each(k -> new ClaimJobs(redis, k, next.jobs().retentionMs()));
        this.settings = next;
    }

    public Classification classification() {
        return submits.classification();
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
        return submits.submit(request, owner, willWait);
    }

    /**
     * {@link #submit(SubmitRequest, String, boolean)} without blocking: validated here (invalid input throws at
     * once), then stored together with the submits of other threads that arrive meanwhile, in two pipelined round
     * trips per batch ({@link SubmitCoalescer}). The future fails with this submit's own error only.
     */
    public CompletableFuture<Submitted> submitAsync(SubmitRequest request, String owner, boolean willWait) {
        return submits.submitAsync(request, owner, willWait);
    }

    /**
     * Submits many jobs in two pipelined round trips: the histories of the batch's distinct users, then the stores,
     * up to {@link SubmitJobs#MAX_PER_CALL} jobs of one partition per script call. Every request is validated first;
     * one invalid request rejects the whole batch before anything is stored. Jobs of one ordering key keep their
     * order in the list.
     */
    public List<Submitted> submitAll(List<SubmitRequest> requests) {
        return submits.submitAll(requests);
    }

    public Optional<JobView> get(String id) {
        if (!Ids.isValid(id) || partitions.ofId(id) < 0) return Optional.empty();
        Map<String, String> h = redis.<String, String>getMap(jobKey(id), StringCodec.INSTANCE).readAllMap();
        return h.isEmpty() ? Optional.empty() : Optional.of(JobView.of(id, h));
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
            Optional<JobView> now = fields.isEmpty() ? Optional.empty() : Optional.of(JobView.of(id, fields));
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
        for (int i = 0; i < futures.size(); i++) {
            Map<String, String> h = futures.get(i).toCompletableFuture().join();
            if (!h.isEmpty() && "DEAD".equals(h.get("status"))) out.add(JobView.of(ids.get(i), h));
        }
        return out;
    }

    public UserEstimate estimate(String user) {
        SubmitValidator.text("user", user, true);
        List<Long> history = submits.history(user);
        Classification classification = submits.classification();
        Estimate e = classification.estimate(null, history);
        return new UserEstimate(user, history, e.ms(), e.source().name(), classification.bounds().classify(e.ms()));
    }

    public List<QueueView> queues() {
        long now = clock.millis();
        List<QueueSnapshot> each = new ArrayList<>(partitions.count());
        for (ClaimJobs c : claimJobs) each.add(c.snapshot(now, settings.classes(), settings.delivery().channels().values()));
        QueueSnapshot snapshot = partitions.count() == 1 ? each.get(0) : PartitionQueues.merge(each, settings.classes());
        ClassBounds bounds = submits.classification().bounds();
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

    private String jobKey(String id) {
        return partitions.keys(partitions.ofId(id)).job(id);
    }

    private static List<Long> longs(String csv) {
        if (csv.isEmpty()) return List.of();
        return Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
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
    }}
