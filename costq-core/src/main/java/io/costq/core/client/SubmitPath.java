package io.costq.core.client;

import io.costq.core.ClusterSettings;
import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.InvalidInputException;
import io.costq.core.redis.LuaScript;
import io.costq.core.redis.NotReplicatedException;
import io.costq.core.redis.Partitions;
import io.costq.core.redis.SubmitJobs;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.model.Estimate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link CostqClient}'s submits: validate, read the user's history, estimate, classify, store. One at a time
 * ({@link #submit}, two round trips), coalesced with other threads' ({@link #submitAsync}, through
 * {@link SubmitCoalescer}, whose steps this class is) or in bulk ({@link #submitAll}).
 */
final class SubmitPath implements SubmitCoalescer.Steps<SubmitPath.Prepared> {
    /** One submit in this many joins the recent-estimates sample: plenty for a median and quartiles. */
    private static final int RECENT_SAMPLE_EVERY = 4;

    /** The rules of the current settings, swapped as one when they change live. */
    private record Rules(CostqSettings settings, SubmitValidator validator, Classification classification,
                         List<SubmitJobs> scripts) {
    }

    /** A job ready to store: what the script gets, and its partition. */
    record Prepared(SubmitJobs.Input input, int partition) {
    }

    private final RedissonClient redis;
    private final Partitions partitions;
    private final JobTypes types;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final AtomicLong submits = new AtomicLong();
    private final SubmitCoalescer<Prepared> coalescer;
    private volatile Rules rules;

    SubmitPath(RedissonClient redis, Partitions partitions, JobTypes types, Clock clock, CostqSettings settings) {
        this.redis = redis;
        this.partitions = partitions;
        this.types = types;
        this.clock = clock;
        this.rules = rules(settings);
        // one batch in Redis at a time: measured cheapest per submit and fastest (bench --only http, 1 vs 2 vs 4)
        this.coalescer = new SubmitCoalescer<>(redis, this, 1);
    }

    /** New submits follow these settings from now on (the caller checked what may not change). */
    void apply(CostqSettings next) {
        this.rules = rules(next);
    }

    private Rules rules(CostqSettings s) {
        Classification c = new Classification(redis, partitions, s);
        c.refresh();
        return new Rules(s, new SubmitValidator(types, s), c,
                partitions.all().stream().map(k -> new SubmitJobs(redis, k, s.jobs().recentEstimatesCap())).toList());
    }

    Classification classification() {
        return rules.classification();
    }

    Submitted submit(SubmitRequest request, String owner, boolean willWait) {
        Rules r = rules;
        String payload = r.validator().validate(request);
        Prepared p = prepare(r, request, payload, history(request.user()), owner, willWait);
        SubmitJobs script = r.scripts().get(p.partition());
        ClusterSettings cluster = r.settings().cluster();
        SubmitJobs.Outcome outcome = cluster.waitReplicas() > 0
                ? script.runReplicated(p.input(), cluster)
                : script.run(p.input());
        return answer(p, outcome).toCompletableFuture().join();
    }

    CompletableFuture<Submitted> submitAsync(SubmitRequest request, String owner, boolean willWait) {
        String payload = rules.validator().validate(request);
        return coalescer.submit(new SubmitCoalescer.Request(request, payload, owner, willWait));
    }

    List<Submitted> submitAll(List<SubmitRequest> requests) {
        Rules rules = this.rules;
        List<String> payloads = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                payloads.add(rules.validator().validate(requests.get(i)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("[" + i + "]." + e.field(), "request " + i + ": " + e.getMessage());
            }
        }
        if (requests.isEmpty()) return List.of();
        RBatch reads = redis.createBatch(BatchOptions.defaults());
        Map<String, CompletableFuture<List<Long>>> histories = readHistories(reads,
                requests.stream().map(SubmitRequest::user).toList(), this::historyKey, rules.classification().historyWindow());
        reads.execute();
        List<Prepared> prepared = new ArrayList<>(requests.size());
        List<List<Integer>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) byPartition.add(new ArrayList<>());
        for (int i = 0; i < requests.size(); i++) {
            SubmitRequest r = requests.get(i);
            Prepared p = prepare(rules, r, payloads.get(i), histories.get(r.user()).join(), null, false);
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
        List<List<Object>> replies = store(rules, calls, prepared, true);
        Submitted[] out = new Submitted[requests.size()];
        for (int c = 0; c < calls.size(); c++) {
            List<Integer> jobs = calls.get(c).jobs();
            List<SubmitJobs.Outcome> outcomes = SubmitJobs.decode(replies.get(c), jobs.stream().map(i -> prepared.get(i).input().id()).toList());
            for (int j = 0; j < outcomes.size(); j++) {
                out[jobs.get(j)] = answer(prepared.get(jobs.get(j)), outcomes.get(j)).toCompletableFuture().join();
            }
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
    private List<List<Object>> store(Rules rules, List<Call> calls, List<Prepared> prepared, boolean reloadOnNoScript) {
        ClusterSettings cluster = rules.settings().cluster();
        RBatch writes = redis.createBatch(cluster.submitBatchOptions());
        List<RFuture<List<Object>>> futures = new ArrayList<>(calls.size());
        for (Call c : calls) {
            futures.add(rules.scripts().get(c.partition()).runAsync(writes, c.jobs().stream().map(i -> prepared.get(i).input()).toList()));
        }
        BatchResult<?> result = null;
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
            } catch (CompletionException e) {
                if (!reloadOnNoScript || !LuaScript.isNoScript(e)) throw e;
                replies.add(null);
                refused.add(calls.get(c));
                refusedAt.add(c);
            }
        }
        if (!refused.isEmpty()) {
            rules.scripts().get(0).ensureLoaded(); // SCRIPT LOAD reaches every primary
            List<List<Object>> again = store(rules, refused, prepared, false);
            for (int k = 0; k < refused.size(); k++) replies.set(refusedAt.get(k), again.get(k));
        } else if (result != null && result.getSyncedSlaves() < cluster.waitReplicas()) {
            throw new NotReplicatedException(prepared.get(0).input().id() + " and " + (prepared.size() - 1)
                    + " more", result.getSyncedSlaves(), cluster.waitReplicas(), cluster.waitTimeoutMs());
        }
        return replies;
    }

    /**
     * Adds to the pipeline one read per distinct user of the user's newest runs, up to {@code window}: the futures,
     * by user, complete with the parsed durations once the pipeline has run (bulk submits and the coalescer's batches).
     */
    static Map<String, CompletableFuture<List<Long>>> readHistories(RBatch reads, List<String> users,
                                                                    java.util.function.Function<String, String> historyKey, int window) {
        Map<String, CompletableFuture<List<Long>>> out = new HashMap<>();
        for (String user : users) {
            out.computeIfAbsent(user, u -> reads.<String>getList(historyKey.apply(u), StringCodec.INSTANCE).rangeAsync(0, window - 1)
                    .thenApply(SubmitPath::parse).toCompletableFuture());
        }
        return out;
    }

    /** The user's newest runs, up to the estimator's window (one round trip). */
    List<Long> history(String user) {
        int window = rules.classification().historyWindow();
        return parse(redis.<String>getList(historyKey(user), StringCodec.INSTANCE).range(0, window - 1));
    }

    private Prepared prepare(Rules rules, SubmitRequest r, String payload, List<Long> history, String owner, boolean notify) {
        Estimate e = rules.classification().estimate(r.type(), history);
        int costClass = rules.classification().bounds().classify(e.ms());
        long now = clock.millis();
        var jobs = rules.settings().jobs();
        int partition = partitions.forJob(r.user(), r.orderingKey());
        var input = new SubmitJobs.Input(ids.next(now, partition, partitions.count()), r.user(), r.type(), payload, costClass, e.ms(), now,
                r.maxAttempts() == null ? jobs.defaultMaxAttempts() : r.maxAttempts(),
                r.timeoutMs() == null ? jobs.defaultTimeoutMs() : r.timeoutMs(), r.idempotencyKey(),
                jobs.idempotencyWindowMs(), r.startWithinMs() == null ? null : now + r.startWithinMs(), owner,
                submits.getAndIncrement() % RECENT_SAMPLE_EVERY == 0, notify, delivery(rules, r));
        return new Prepared(input, partition);
    }

    private static SubmitJobs.Delivery delivery(Rules rules, SubmitRequest r) {
        boolean awaitAck = Boolean.TRUE.equals(r.awaitAck());
        if (r.orderingKey() == null && r.channel() == null && !awaitAck) return SubmitJobs.Delivery.NONE;
        long ackTimeout = r.ackTimeoutMs() != null ? r.ackTimeoutMs() : rules.settings().delivery().defaultAckTimeoutMs();
        return new SubmitJobs.Delivery(r.orderingKey(), r.channel(), awaitAck, ackTimeout);
    }

    // ---- the coalescer's steps

    @Override
    public String historyKey(String user) {
        return partitions.keys(partitions.forUser(user)).history(user);
    }

    @Override
    public int historyWindow() {
        return rules.classification().historyWindow();
    }

    @Override
    public Prepared prepare(SubmitCoalescer.Request r, List<Long> history) {
        return prepare(rules, r.request(), r.payload(), history, r.owner(), r.willWait());
    }

    @Override
    public SubmitJobs.Input input(Prepared p) {
        return p.input();
    }

    @Override
    public SubmitJobs script(Prepared p) {
        return rules.scripts().get(p.partition());
    }

    @Override
    public ClusterSettings cluster() {
        return rules.settings().cluster();
    }

    /** The submit's answer; a duplicate's (an idempotency hit) is the existing job's, read without blocking. */
    @Override
    public CompletionStage<Submitted> answer(Prepared p, SubmitJobs.Outcome outcome) {
        SubmitJobs.Input in = p.input();
        return switch (outcome.code()) {
            case CREATED -> CompletableFuture.completedFuture(new Submitted(outcome.id(), in.costClass(), in.estimateMs(), false));
            // ids carry 80 random bits: a taken id is this very submit, retried by the client after a lost reply
            case ID_TAKEN -> CompletableFuture.completedFuture(new Submitted(outcome.id(), in.costClass(), in.estimateMs(), false));
            case DUPLICATE -> redis.<String, String>getMap(partitions.keys(partitions.ofId(outcome.id())).job(outcome.id()),
                    StringCodec.INSTANCE).readAllMapAsync().thenApply(h -> {
                        if (h.isEmpty()) return new Submitted(outcome.id(), in.costClass(), in.estimateMs(), true);
                        JobView j = JobView.of(outcome.id(), h);
                        return new Submitted(j.id(), j.costClass(), j.estimateMs(), true);
                    });
        };
    }

    private static List<Long> parse(List<String> raw) {
        return raw.stream().map(Long::parseLong).toList();
    }
}
