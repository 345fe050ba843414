package io.costq.core.store;

import io.costq.core.CostqSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The store's door for time: delayed (SCHEDULED) jobs and recurring schedules. A schedule and every job it fires
 * live in the schedule's partition ({@link Partitions#forSchedule}), so a tick and its job are one script.
 */
public final class ScheduleStore {
    /** A SCHEDULED job that is due, as the promoter needs it to estimate it. */
    public record DueJob(String id, String user, String type, String costKey, String tenant) {
        /** Whose run history estimates it (its tenant's). */
        public History history() {
            return History.of(tenant, user, type, costKey);
        }
    }

    /** A due job estimated at due time. */
    public record Promotion(String id, int costClass, long estimateMs) {
    }

    /** A schedule as stored; times in epoch ms, null when it never happened. */
    public record Stored(String name, String specJson, long nextFire, boolean paused, Long lastFire, String lastJob,
                         String lastOutcome, long fired, long skipped, long missed, Long createdAt, Long updatedAt) {
    }

    private final RedissonClient redis;
    private final ScriptExecutor scripts;
    private final Partitions partitions;
    private final Supplier<CostqSettings> settings;

    ScheduleStore(RedissonClient redis, ScriptExecutor scripts, Partitions partitions, Supplier<CostqSettings> settings) {
        this.redis = redis;
        this.scripts = scripts;
        this.partitions = partitions;
        this.settings = settings;
    }

    // ---- delayed jobs

    /** Up to {@code limit} SCHEDULED jobs of the partition due at {@code nowMs}, soonest first. */
    public List<DueJob> dueJobs(int partition, long nowMs, int limit) {
        Keys k = partitions.keys(partition);
        var ids = redis.<String>getScoredSortedSet(k.scheduled(), StringCodec.INSTANCE).valueRange(Double.NEGATIVE_INFINITY, true, nowMs, true, 0, limit);
        if (ids.isEmpty()) return List.of();
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> fields = new ArrayList<>();
        for (String id : ids) fields.add(batch.<String, String>getMap(k.job(id), StringCodec.INSTANCE).getAllAsync(java.util.Set.of("user", "type", "costKey", "tenant")));
        batch.execute();
        List<DueJob> out = new ArrayList<>();
        int i = 0;
        for (String id : ids) {
            Map<String, String> f = fields.get(i++).toCompletableFuture().join();
            // a job whose hash is gone (expired) is left for the script, which drops nothing it does not own
            out.add(new DueJob(id, f.getOrDefault("user", ""), f.getOrDefault("type", ""), f.get("costKey"), f.get("tenant")));
        }
        return out;
    }

    /** Queues the due jobs with their estimates (each once, whoever else promotes): returns how many. */
    public long promote(int partition, List<Promotion> jobs, long nowMs) {
        if (jobs.isEmpty()) return 0;
        return scripts.call(PromoteScheduled.call(partitions.keys(partition), nowMs, settings.get().classes(), jobs));
    }

    /**
     * The earliest due time of any SCHEDULED job or schedule tick in any partition (epoch ms; Long.MAX_VALUE when
     * none), read in one pipeline: the timekeeper sleeps until then rather than a whole period.
     */
    public long earliestDue() {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<java.util.Collection<org.redisson.client.protocol.ScoredEntry<String>>>> firsts = new ArrayList<>();
        for (Keys k : partitions.all()) {
            firsts.add(batch.<String>getScoredSortedSet(k.scheduled(), StringCodec.INSTANCE).entryRangeAsync(0, 0));
            firsts.add(batch.<String>getScoredSortedSet(k.schedules(), StringCodec.INSTANCE).entryRangeAsync(0, 0));
        }
        batch.execute();
        long earliest = Long.MAX_VALUE;
        for (var f : firsts) {
            for (var e : f.toCompletableFuture().join()) earliest = Math.min(earliest, e.getScore().longValue());
        }
        return earliest;
    }

    // ---- recurring schedules

    public int partitionOf(String name) {
        return partitions.forSchedule(name);
    }

    public PutSchedule.Outcome put(PutSchedule.Spec spec, long nowMs) {
        return scripts.call(PutSchedule.call(keysOf(spec.name()), spec, nowMs));
    }

    public PauseSchedule.Outcome pause(String name, boolean pause, long nextFire, long nowMs) {
        return scripts.call(PauseSchedule.call(keysOf(name), name, pause, nextFire, nowMs));
    }

    public boolean delete(String name) {
        return scripts.call(DeleteSchedule.call(keysOf(name), name));
    }

    /** One tick of a schedule (its job, if any, must be in the schedule's partition). */
    public FireSchedule.Outcome fire(FireSchedule.Tick tick, int jobsKept) {
        return scripts.call(FireSchedule.call(keysOf(tick.name()), tick, jobsKept, settings.get().jobs()));
    }

    public Optional<Stored> get(String name) {
        Map<String, String> h = redis.<String, String>getMap(keysOf(name).schedule(name), StringCodec.INSTANCE).readAllMap();
        return h.containsKey("spec") ? Optional.of(stored(h)) : Optional.empty();
    }

    /** Every schedule, by name. */
    public List<Stored> all() {
        List<String> names = new ArrayList<>();
        for (Keys k : partitions.all()) names.addAll(redis.<String>getScoredSortedSet(k.schedules(), StringCodec.INSTANCE).readAll());
        names.sort(null);
        return read(names);
    }

    /** Schedules whose next fire is at or before {@code nowMs} (paused ones never are), up to {@code limit} per partition. */
    public List<Stored> due(long nowMs, int limit) {
        List<String> names = new ArrayList<>();
        for (Keys k : partitions.all()) {
            names.addAll(redis.<String>getScoredSortedSet(k.schedules(), StringCodec.INSTANCE)
                    .valueRange(Double.NEGATIVE_INFINITY, true, nowMs, true, 0, limit));
        }
        return read(names);
    }

    /** Ids of the schedule's newest jobs, newest tick first, at most {@code limit}. */
    public List<String> jobIds(String name, int limit) {
        return List.copyOf(redis.<String>getScoredSortedSet(keysOf(name).scheduleJobs(name), StringCodec.INSTANCE)
                .valueRangeReversed(0, Math.max(0, limit - 1)));
    }

    private List<Stored> read(List<String> names) {
        if (names.isEmpty()) return List.of();
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> hashes = new ArrayList<>();
        for (String n : names) hashes.add(batch.<String, String>getMap(keysOf(n).schedule(n), StringCodec.INSTANCE).readAllMapAsync());
        batch.execute();
        List<Stored> out = new ArrayList<>();
        for (RFuture<Map<String, String>> f : hashes) {
            Map<String, String> h = f.toCompletableFuture().join();
            if (h.containsKey("spec")) out.add(stored(h)); // deleted meanwhile: left out
        }
        return out;
    }

    private Keys keysOf(String name) {
        return partitions.keys(partitions.forSchedule(name));
    }

    private static Stored stored(Map<String, String> h) {
        return new Stored(h.get("name"), h.get("spec"), Long.parseLong(h.get("nextFire")), "1".equals(h.get("paused")),
                num(h.get("lastFire")), h.get("lastJob"), h.get("lastOutcome"), count(h.get("fired")), count(h.get("skipped")),
                count(h.get("missed")), num(h.get("createdAt")), num(h.get("updatedAt")));
    }

    private static Long num(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }

    private static long count(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }
}
