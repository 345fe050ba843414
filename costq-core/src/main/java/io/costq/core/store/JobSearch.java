package io.costq.core.store;

import io.costq.core.InvalidInputException;
import io.costq.core.job.JobFilter;
import io.costq.core.job.JobPage;
import io.costq.core.job.JobView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;

/**
 * Job search over every partition's time index ({@link Keys#timeIndex()}: id scored by queued-at), newest first.
 * The partitions' indexes are merged by (queued-at, id) descending; each page looks at no more than
 * {@link #EXAMINE} index entries (one pipelined HMGET of the filtered fields per {@link #BATCH}), so a sparse filter
 * may answer a short page with a cursor to go on from. The cursor is the (queued-at, id) of the last entry the page
 * accounted for: later pages never repeat or skip a job, and jobs submitted meanwhile (queued later) do not shift
 * them. Entries whose job hash is gone (retention ran out, deleted) are removed on the way.
 */
final class JobSearch {
    /** Index entries one page looks at, at most. */
    static final int EXAMINE = 2_000;
    /** Entries whose fields are read in one pipeline. */
    static final int BATCH = 200;

    private final RedissonClient redis;
    private final Partitions partitions;
    private final JobReads reads;

    JobSearch(RedissonClient redis, Partitions partitions, JobReads reads) {
        this.redis = redis;
        this.partitions = partitions;
        this.reads = reads;
    }

    /** A place in the merged index: entries strictly after it (older, or as old with a smaller id) come next. */
    record Position(double score, String id) {
        static final Position START = new Position(Double.POSITIVE_INFINITY, null);

        boolean isAfter(double s, String other) {
            return s < score || s == score && (id == null || other.compareTo(id) < 0);
        }

        String encode() {
            String raw = (long) score + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            if (cursor == null || cursor.isBlank()) return START;
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
                int dot = raw.indexOf('.');
                String id = raw.substring(dot + 1);
                if (dot < 1 || !io.costq.core.Ids.isValid(id)) throw new IllegalArgumentException(raw);
                return new Position(Long.parseLong(raw.substring(0, dot)), id);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "cursor is not one this API answered (use the page's \"next\")");
            }
        }
    }

    private record Entry(String id, double score, Keys keys) {
    }

    /** One partition's index read newest first, a chunk at a time, from a position on. */
    private final class Source {
        final Keys keys;
        final double min;
        final int chunk;
        final ArrayDeque<Entry> buffer = new ArrayDeque<>();
        Position from;
        int skipAt; // entries at from.score already seen (ties), skipped by offset
        boolean exhausted;

        Source(Keys keys, Position from, double min, int chunk) {
            this.keys = keys;
            this.from = from;
            this.min = min;
            this.chunk = chunk;
        }

        Entry head() {
            while (buffer.isEmpty() && !exhausted) fill();
            return buffer.peekFirst();
        }

        private void fill() {
            if (from.score() < min) {
                exhausted = true;
                return;
            }
            Collection<ScoredEntry<String>> got = redis.<String>getScoredSortedSet(keys.timeIndex(), StringCodec.INSTANCE)
                    .entryRangeReversed(min, true, from.score(), true, skipAt, chunk);
            if (got.size() < chunk) exhausted = true;
            for (ScoredEntry<String> e : got) {
                if (e.getScore() == from.score()) skipAt++; // the next read at this score starts past it
                if (from.isAfter(e.getScore(), e.getValue())) buffer.add(new Entry(e.getValue(), e.getScore(), keys));
            }
            Entry last = buffer.peekLast();
            if (last != null && last.score() < from.score()) {
                from = new Position(last.score(), last.id());
                skipAt = 0;
                for (Entry e : buffer) if (e.score() == last.score()) skipAt++;
            }
        }
    }

    JobPage search(JobFilter filter, String cursor, int limit) {
        Position after = Position.decode(cursor);
        double min = filter.sinceMs() == null ? Double.NEGATIVE_INFINITY : filter.sinceMs();
        int chunk = Math.max(16, Math.min(256, EXAMINE / partitions.count()));
        List<Source> sources = new ArrayList<>();
        for (Keys k : partitions.all()) sources.add(new Source(k, after, min, chunk));
        List<String> matches = new ArrayList<>();
        Map<Keys, List<String>> gone = new HashMap<>();
        Position lastTaken = after;
        int examined = 0;
        boolean more = true;
        pages:
        while (examined < EXAMINE && matches.size() < limit) {
            List<Entry> batch = new ArrayList<>();
            while (batch.size() < Math.min(BATCH, EXAMINE - examined)) {
                Source s = newest(sources);
                if (s == null) break;
                batch.add(s.buffer.pollFirst());
            }
            if (batch.isEmpty()) {
                more = false;
                break;
            }
            List<List<String>> fields = fields(batch);
            for (int i = 0; i < batch.size(); i++) {
                Entry e = batch.get(i);
                examined++;
                lastTaken = new Position(e.score(), e.id());
                List<String> f = fields.get(i);
                if (f.get(0) == null) {
                    gone.computeIfAbsent(e.keys(), k -> new ArrayList<>()).add(e.id());
                } else if (filter.matches(f)) {
                    matches.add(e.id());
                    if (matches.size() == limit) {
                        more = i < batch.size() - 1 || newest(sources) != null;
                        break pages;
                    }
                }
            }
        }
        if (more && examined >= EXAMINE) more = newest(sources) != null;
        trim(gone);
        Map<String, JobView> views = reads.jobs(matches);
        List<JobView> jobs = matches.stream().map(views::get).filter(java.util.Objects::nonNull).toList();
        return new JobPage(jobs, more ? lastTaken.encode() : null, examined);
    }

    /** The source whose head is newest; null when every source is exhausted. */
    private static Source newest(List<Source> sources) {
        Source best = null;
        for (Source s : sources) {
            Entry h = s.head();
            if (h == null) continue;
            Entry b = best == null ? null : best.buffer.peekFirst();
            if (b == null || h.score() > b.score() || h.score() == b.score() && h.id().compareTo(b.id()) > 0) best = s;
        }
        return best;
    }

    private List<List<String>> fields(List<Entry> batch) {
        RBatch rb = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        Set<String> names = Set.of(JobFilter.FIELDS);
        for (Entry e : batch) futures.add(rb.<String, String>getMap(e.keys().job(e.id()), StringCodec.INSTANCE).getAllAsync(names));
        rb.execute();
        List<List<String>> out = new ArrayList<>();
        for (RFuture<Map<String, String>> f : futures) {
            Map<String, String> h = f.toCompletableFuture().join();
            List<String> values = new ArrayList<>();
            for (String n : JobFilter.FIELDS) values.add(h.get(n));
            out.add(values);
        }
        return out;
    }

    /** Per partition, where the next housekeeping look starts among the entries older than the retention. */
    private final Map<Integer, Integer> trimFrom = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Housekeeping (the reaper's): looks at up to {@code limit} index entries queued before {@code beforeMs} (older
     * than the retention: most of their jobs are gone) and removes those whose job hash is gone. Jobs that old and
     * still there (long queued) are stepped over, so a round always gets further. Returns the entries removed.
     */
    int trimOld(int partition, long beforeMs, int limit) {
        Keys k = partitions.keys(partition);
        int from = trimFrom.getOrDefault(partition, 0);
        Collection<String> old = redis.<String>getScoredSortedSet(k.timeIndex(), StringCodec.INSTANCE)
                .valueRange(Double.NEGATIVE_INFINITY, true, beforeMs, false, from, limit);
        RBatch rb = redis.createBatch(BatchOptions.defaults());
        List<RFuture<Boolean>> exists = new ArrayList<>();
        for (String id : old) exists.add(rb.getBucket(k.job(id), StringCodec.INSTANCE).isExistsAsync());
        if (!old.isEmpty()) rb.execute();
        List<String> gone = new ArrayList<>();
        int i = 0;
        for (String id : old) if (!exists.get(i++).toCompletableFuture().join()) gone.add(id);
        trimFrom.put(partition, old.size() < limit ? 0 : from + old.size() - gone.size());
        if (!gone.isEmpty()) trim(Map.of(k, gone));
        return gone.size();
    }

    /** Removes index entries whose job hash is gone (a removed id never comes back: ids are unique). */
    private void trim(Map<Keys, List<String>> gone) {
        if (gone.isEmpty()) return;
        RBatch rb = redis.createBatch(BatchOptions.defaults());
        gone.forEach((k, ids) -> rb.getScoredSortedSet(k.timeIndex(), StringCodec.INSTANCE).removeAllAsync(ids));
        rb.execute();
    }
}
