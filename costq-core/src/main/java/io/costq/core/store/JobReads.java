package io.costq.core.store;

import io.costq.core.job.JobView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;

/** The store's plain reads (no script): job hashes, run histories, the dead and running sets, counters. */
final class JobReads {
    private final RedissonClient redis;
    private final Partitions partitions;

    JobReads(RedissonClient redis, Partitions partitions) {
        this.redis = redis;
        this.partitions = partitions;
    }

    CompletableFuture<Optional<JobView>> job(int partition, String id) {
        return redis.<String, String>getMap(partitions.keys(partition).job(id), StringCodec.INSTANCE).readAllMapAsync()
                .toCompletableFuture().thenApply(h -> h.isEmpty() ? Optional.empty() : Optional.of(JobHash.view(id, h)));
    }


    /** Every partition's newest recent estimates, up to {@code each} per partition, newest first per partition. */
    List<Long> recentEstimates(int each) {
        List<Long> out = new ArrayList<>();
        for (Keys k : partitions.all()) {
            for (String v : redis.<String>getList(k.recentEstimates(), StringCodec.INSTANCE).range(0, each - 1)) out.add(Long.parseLong(v));
        }
        return out;
    }

    /** The most recently dead jobs across partitions, newest first; entries past their retention are skipped. */
    List<JobView> dead(int limit) {
        List<ScoredEntry<String>> entries = new ArrayList<>();
        for (Keys k : partitions.all()) {
            entries.addAll(redis.<String>getScoredSortedSet(k.dead(), StringCodec.INSTANCE).entryRangeReversed(0, Math.max(0, limit - 1)));
        }
        // newest first across partitions (a stable sort keeps each partition's own order on equal times)
        entries.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        List<String> ids = entries.stream().limit(Math.max(0, limit)).map(ScoredEntry::getValue).toList();
        List<JobView> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : hashes(ids).entrySet()) {
            if ("DEAD".equals(e.getValue().get("status"))) out.add(JobHash.view(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Ids of running jobs, up to {@code limit} per partition, soonest lease end first. */
    List<String> running(int limit) {
        List<String> out = new ArrayList<>();
        for (Keys k : partitions.all()) out.addAll(redis.<String>getScoredSortedSet(k.running(), StringCodec.INSTANCE).valueRange(0, limit - 1));
        return out;
    }

    /** The jobs of {@code ids} that exist, by id (in order), in one pipeline. */
    Map<String, JobView> jobs(List<String> ids) {
        Map<String, JobView> out = new java.util.LinkedHashMap<>();
        hashes(ids).forEach((id, h) -> out.put(id, JobHash.view(id, h)));
        return out;
    }

    /** The job hashes of {@code ids} (in order; absent ones left out), in one pipeline. */
    private Map<String, Map<String, String>> hashes(List<String> ids) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : ids) futures.add(batch.<String, String>getMap(partitions.keys(partitions.ofId(id)).job(id), StringCodec.INSTANCE).readAllMapAsync());
        batch.execute();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> h = futures.get(i).toCompletableFuture().join();
            if (!h.isEmpty()) out.put(ids.get(i), h);
        }
        return out;
    }

    /** Per channel name, permits in use and parked jobs summed over partitions: {inUse, waiting}. */
    Map<String, long[]> channels(Collection<String> names) {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        if (names.isEmpty()) return out;
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        Map<String, List<RFuture<Integer>>> inUse = new HashMap<>();
        Map<String, List<RFuture<Integer>>> waiting = new HashMap<>();
        for (String name : names) {
            for (Keys k : partitions.all()) {
                inUse.computeIfAbsent(name, n -> new ArrayList<>()).add(batch.getScoredSortedSet(k.channelInUse(name), StringCodec.INSTANCE).sizeAsync());
                waiting.computeIfAbsent(name, n -> new ArrayList<>()).add(batch.getScoredSortedSet(k.channelWaiting(name), StringCodec.INSTANCE).sizeAsync());
            }
        }
        batch.execute();
        for (String name : names) out.put(name, new long[] {sum(inUse.get(name)), sum(waiting.get(name))});
        return out;
    }

    /** The counters of every partition's stats hash, summed. */
    Map<String, Long> stats() {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> each = new ArrayList<>();
        for (Keys k : partitions.all()) each.add(batch.<String, String>getMap(k.stats(), StringCodec.INSTANCE).readAllMapAsync());
        batch.execute();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (RFuture<Map<String, String>> f : each) {
            f.toCompletableFuture().join().forEach((k, v) -> out.merge(k, v.isEmpty() ? 0 : Long.parseLong(v), Long::sum));
        }
        return out;
    }

    private static long sum(List<RFuture<Integer>> sizes) {
        long n = 0;
        for (RFuture<Integer> f : sizes) n += f.toCompletableFuture().join();
        return n;
    }

    /** Adds successful runs to their users' histories in other partitions (the second step of a completion). */
    void addRuns(List<Ending> endings, int historyWindow) {
        if (endings.isEmpty()) return;
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        for (Ending e : endings) {
            String history = e.job().history().key(partitions);
            batch.<String>getDeque(history, StringCodec.INSTANCE).addFirstAsync(String.valueOf(e.durationMs()));
            batch.<String>getList(history, StringCodec.INSTANCE).trimAsync(0, historyWindow - 1);
        }
        batch.execute();
    }
}
