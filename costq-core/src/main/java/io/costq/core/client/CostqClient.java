package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.InvalidInputException;
import io.costq.core.redis.AckJob;
import io.costq.core.redis.CancelJob;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.Keys;
import io.costq.core.redis.RetryJob;
import io.costq.core.redis.SubmitJob;
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
 */
public final class CostqClient implements AutoCloseable {
    private final RedissonClient redis;
    private final JobTypes types;
    private volatile CostqSettings settings;
    private final Keys keys;
    private final Clock clock;
    /** One submit in this many joins the recent-estimates sample: plenty for a median and quartiles. */
    private static final int RECENT_SAMPLE_EVERY = 4;
    private final Ids ids = new Ids();
    private volatile SubmitValidator validator;
    private volatile Classification classification;
    private volatile SubmitJob submitJob;
    private volatile ClaimJobs claimJobs;
    private final CancelJob cancelJob;
    private final RetryJob retryJob;
    private final WatchJob watchJob;
    private final AckJob ackJob;
    private final java.util.concurrent.atomic.AtomicLong submits = new java.util.concurrent.atomic.AtomicLong();
    private final CompletionWaiter waiter;

    public CostqClient(RedissonClient redis, CostqSettings settings, JobTypes types, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.types = types;
        this.keys = new Keys(settings.keyPrefix(), 0);
        this.clock = clock;
        this.validator = new SubmitValidator(types, settings);
        this.classification = new Classification(redis, keys, settings);
        this.submitJob = new SubmitJob(redis, keys, settings.jobs().recentEstimatesCap());
        this.claimJobs = new ClaimJobs(redis, keys, settings.jobs().retentionMs());
        this.cancelJob = new CancelJob(redis, keys);
        this.retryJob = new RetryJob(redis, keys);
        this.watchJob = new WatchJob(redis, keys);
        this.ackJob = new AckJob(redis, keys);
        this.waiter = new CompletionWaiter(redis, keys);
        classification.refresh();
    }

    public Keys keys() {
        return keys;
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
        Classification c = new Classification(redis, keys, next);
        c.refresh();
        this.validator = new SubmitValidator(types, next);
        this.submitJob = new SubmitJob(redis, keys, next.jobs().recentEstimatesCap());
        this.claimJobs = new ClaimJobs(redis, keys, next.jobs().retentionMs());
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
        SubmitJob.Outcome outcome = submitJob.run(p.input());
        return answer(p, outcome);
    }

    /**
     * Submits many jobs in two pipelined round trips (histories, then stores). Every request is validated first;
     * one invalid request rejects the whole batch before anything is stored.
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
        RBatch reads = redis.createBatch(BatchOptions.defaults());
        List<RFuture<List<String>>> histories = new ArrayList<>(requests.size());
        int window = classification.historyWindow();
        for (SubmitRequest r : requests) {
            histories.add(reads.<String>getList(keys.history(r.user()), StringCodec.INSTANCE).rangeAsync(0, window - 1));
        }
        reads.execute();
        submitJob.ensureLoaded();
        RBatch writes = redis.createBatch(BatchOptions.defaults());
        List<Prepared> prepared = new ArrayList<>(requests.size());
        List<RFuture<List<Object>>> replies = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Prepared p = prepare(requests.get(i), payloads.get(i), parse(histories.get(i).toCompletableFuture().join()), null, false);
            prepared.add(p);
            replies.add(submitJob.runAsync(writes, p.input()));
        }
        writes.execute();
        List<Submitted> out = new ArrayList<>(requests.size());
        for (int i = 0; i < prepared.size(); i++) {
            out.add(answer(prepared.get(i), SubmitJob.decode(replies.get(i).toCompletableFuture().join())));
        }
        return out;
    }

    public Optional<JobView> get(String id) {
        if (!Ids.isValid(id)) return Optional.empty();
        Map<String, String> h = redis.<String, String>getMap(keys.job(id), StringCodec.INSTANCE).readAllMap();
        return h.isEmpty() ? Optional.empty() : Optional.of(JobView.of(h));
    }

    /**
     * Waits up to waitMs for the job to reach a terminal state and returns it as it is then (terminal or not).
     */
    public Optional<JobView> awaitTerminal(String id, long waitMs) throws InterruptedException {
        if (!Ids.isValid(id)) return Optional.empty();
        CompletableFuture<String> done = waiter.register(id);
        try {
            // marks the job as waited for, so its completion is published, and reads it, in one call
            Map<String, String> fields = watchJob.run(id);
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
        if (!Ids.isValid(id)) return CancelJob.Outcome.NOT_FOUND;
        return cancelJob.run(id, clock.millis(), settings.classes(), settings.jobs().retentionMs());
    }

    /** Gives a DEAD job a fresh set of attempts. */
    public RetryJob.Outcome retry(String id) {
        if (!Ids.isValid(id)) return RetryJob.Outcome.NOT_FOUND;
        return retryJob.run(id, clock.millis(), settings.classes());
    }

    /** The most recently dead jobs, newest first (at most {@code limit}); entries past their retention are skipped. */
    public List<JobView> dead(int limit) {
        var ids = redis.<String>getScoredSortedSet(keys.dead(), StringCodec.INSTANCE).valueRangeReversed(0, Math.max(0, limit - 1));
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : ids) futures.add(batch.<String, String>getMap(keys.job(id), StringCodec.INSTANCE).readAllMapAsync());
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
        QueueSnapshot snapshot = claimJobs.snapshot(now, settings.classes(), settings.delivery().channels().values());
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
        return parse(redis.<String>getList(keys.history(user), StringCodec.INSTANCE).range(0, window - 1));
    }

    private static List<Long> parse(List<String> raw) {
        return raw.stream().map(Long::parseLong).toList();
    }

    private static List<Long> longs(String csv) {
        if (csv.isEmpty()) return List.of();
        return Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
    }

    private record Prepared(SubmitJob.Input input, Estimate estimate) {
    }

    private Prepared prepare(SubmitRequest r, String payload, List<Long> history, String owner, boolean notify) {
        Estimate e = classification.estimate(r.type(), history);
        int costClass = classification.bounds().classify(e.ms());
        long now = clock.millis();
        var jobs = settings.jobs();
        var input = new SubmitJob.Input(ids.next(now), r.user(), r.type(), payload, costClass, e.ms(), now,
                r.maxAttempts() == null ? jobs.defaultMaxAttempts() : r.maxAttempts(),
                r.timeoutMs() == null ? jobs.defaultTimeoutMs() : r.timeoutMs(), r.idempotencyKey(),
                jobs.idempotencyWindowMs(), r.startWithinMs() == null ? null : now + r.startWithinMs(), owner,
                submits.getAndIncrement() % RECENT_SAMPLE_EVERY == 0, notify, delivery(r));
        return new Prepared(input, e);
    }

    private SubmitJob.Delivery delivery(SubmitRequest r) {
        boolean awaitAck = Boolean.TRUE.equals(r.awaitAck());
        if (r.orderingKey() == null && r.channel() == null && !awaitAck) return SubmitJob.Delivery.NONE;
        long ackTimeout = r.ackTimeoutMs() != null ? r.ackTimeoutMs() : settings.delivery().defaultAckTimeoutMs();
        return new SubmitJob.Delivery(r.orderingKey(), r.channel(), awaitAck, ackTimeout);
    }

    /** An external ack for a job submitted with awaitAck (from any API instance: the state is in Redis). */
    public AckJob.Outcome ack(String id) {
        if (!Ids.isValid(id)) return AckJob.Outcome.NOT_FOUND;
        return ackJob.run(id, clock.millis(), settings.jobs().retentionMs());
    }

    /** Every configured delivery channel: width, rate, permits in use, jobs held back. */
    public List<ChannelView> channels() {
        var configured = new java.util.TreeMap<>(settings.delivery().channels());
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Integer>> inUse = new ArrayList<>();
        List<RFuture<Integer>> waiting = new ArrayList<>();
        for (String name : configured.keySet()) {
            inUse.add(batch.getScoredSortedSet(keys.channelInUse(name), StringCodec.INSTANCE).sizeAsync());
            waiting.add(batch.getScoredSortedSet(keys.channelWaiting(name), StringCodec.INSTANCE).sizeAsync());
        }
        if (!configured.isEmpty()) batch.execute();
        List<ChannelView> out = new ArrayList<>();
        int i = 0;
        for (var c : configured.values()) {
            out.add(new ChannelView(c.name(), c.maxConcurrency(), c.ratePerSecond(), inUse.get(i).toCompletableFuture().join(),
                    waiting.get(i).toCompletableFuture().join()));
            i++;
        }
        return out;
    }

    private Submitted answer(Prepared p, SubmitJob.Outcome outcome) {
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
