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
 * Job search over every partition's time index ({@link Keys#timeIndex()}: one entry per submit call, the ids of its
 * jobs separated by spaces, scored by their queued-at), newest first.
 * The partitions' indexes are merged by (queued-at, id) descending; each page looks at no more than
 * {@link #EXAMINE} jobs of the index entries (one pipelined HMGET of the filtered fields per {@link #BATCH}), so a sparse filter
 * may answer a short page with a cursor to go on from. The cursor is the (queued-at, id) of the last job the page
 * accounted for: later pages never repeat or skip a job, and jobs submitted meanwhile (queued later) do not shift
 * them. A job whose hash is gone (retention ran out, deleted) is skipped; an entry none of whose jobs is left is removed
 * on the way.
 */
final class JobSearch {
    /** Jobs (ids of index entries) one page looks at, at most. */
    static final int EXAMINE = 2_000;
    /** Jobs whose fields are read in one pipeline. */
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

    /** One job of an index entry ({@code member}: the entry, the ids of one submit call). */
    private record Entry(String id, double score, Keys keys, String member) {
    }

    private static final java.util.Comparator<Entry> NEWEST_FIRST =
            java.util.Comparator.comparingDouble(Entry::score).thenComparing(Entry::id).reversed();

    /** The ids of an index entry. */
    static String[] idsOf(String member) {
        return member.split(" ");
    }

    /** One partition's index read newest first, about a chunk of ids at a time, from a position on. */
    private final class Source {
        final Keys keys;
        final double min;
        final int chunk;
        final Position from;
        final ArrayDeque<Entry> buffer = new ArrayDeque<>();
        double upper; // the next read's highest score: inclusive at first, then below every entry read
        boolean upperIncluded = true;
        int entries = 16; // index entries per read, adapted to the ids per entry seen
        boolean exhausted;

        Source(Keys keys, Position from, double min, int chunk) {
            this.keys = keys;
            this.from = from;
            this.upper = from.score();
            this.min = min;
            this.chunk = chunk;
        }

        Entry head() {
            while (buffer.isEmpty() && !exhausted) fill();
            return buffer.peekFirst();
        }

        private void fill() {
            if (upper < min) {
                exhausted = true;
                return;
            }
            var index = redis.<String>getScoredSortedSet(keys.timeIndex(), StringCodec.INSTANCE);
            List<ScoredEntry<String>> read = new ArrayList<>(index.entryRangeReversed(min, true, upper, upperIncluded, 0, entries));
            if (read.isEmpty()) {
                exhausted = true;
                return;
            }
            double low = read.get(read.size() - 1).getScore();
            if (read.size() < entries) {
                exhausted = true;
            } else { // more entries may share the lowest score: read them all, so the next read starts below it
                read.removeIf(e -> e.getScore() == low);
                read.addAll(index.entryRange(low, true, low, true));
            }
            List<Entry> ids = new ArrayList<>();
            int total = 0;
            for (ScoredEntry<String> e : read) {
                for (String id : idsOf(e.getValue())) {
                    total++;
                    if (from.isAfter(e.getScore(), id)) ids.add(new Entry(id, e.getScore(), keys, e.getValue()));
                }
            }
            ids.sort(NEWEST_FIRST);
            buffer.addAll(ids);
            entries = Math.max(1, Math.min(chunk, (int) ((long) chunk * read.size() / Math.max(1, total))));
            upper = low;
            upperIncluded = false;
        }
    }

    JobPage search(JobFilter filter, String cursor, int limit) {
        Position after = Position.decode(cursor);
        double min = filter.sinceMs() == null ? Double.NEGATIVE_INFINITY : filter.sinceMs();
        int chunk = Math.max(16, Math.min(256, EXAMINE / partitions.count()));
        List<Source> sources = new ArrayList<>();
        for (Keys k : partitions.all()) sources.add(new Source(k, after, min, chunk));
        List<String> matches = new ArrayList<>();
        Map<Keys, Set<String>> gone = new HashMap<>(); // index entries with a job whose hash is gone
        Set<String> goneIds = new java.util.HashSet<>(), living = new java.util.HashSet<>(); // ids gone; entries with one left
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
                    gone.computeIfAbsent(e.keys(), k -> new java.util.HashSet<>()).add(e.member());
                    goneIds.add(e.id());
                    continue;
                }
                living.add(e.member());
                if (filter.matches(f)) {
                    matches.add(e.id());
                    if (matches.size() == limit) {
                        more = i < batch.size() - 1 || newest(sources) != null;
                        break pages;
                    }
                }
            }
        }
        if (more && examined >= EXAMINE) more = newest(sources) != null;
        // an entry with a job seen here stays whole: only the others' unseen ids are looked up
        gone.forEach((k, members) -> {
            members.removeAll(living);
            removeEmpty(k, members, goneIds);
        });
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
     * Housekeeping (the reaper's): looks at the index entries queued before {@code beforeMs} (older than the retention:
     * most of their jobs are gone), as many as hold about {@code limit} ids (at least one entry), and removes those none
     * of whose jobs is left. Entries with a job still there (long queued) are stepped over, so a round always gets
     * further. Returns the ids removed.
     */
    int trimOld(int partition, long beforeMs, int limit) {
        Keys k = partitions.keys(partition);
        int from = trimFrom.getOrDefault(partition, 0);
        Collection<String> old = redis.<String>getScoredSortedSet(k.timeIndex(), StringCodec.INSTANCE)
                .valueRange(Double.NEGATIVE_INFINITY, true, beforeMs, false, from, limit);
        List<String> looked = new ArrayList<>();
        int ids = 0;
        for (String m : old) {
            if (ids >= limit) break;
            looked.add(m);
            ids += idsOf(m).length;
        }
        int[] removed = removeEmpty(k, looked, Set.of());
        boolean end = old.size() < limit && looked.size() == old.size();
        trimFrom.put(partition, end ? 0 : from + looked.size() - removed[0]);
        return removed[1];
    }

    /**
     * Removes the index entries none of whose jobs' hashes is left (a removed id never comes back: ids are unique; an
     * entry still naming a job stays whole); {@code knownGone}: ids already read as gone, not looked up again. Returns
     * the entries and the ids removed.
     */
    private int[] removeEmpty(Keys k, Collection<String> members, Set<String> knownGone) {
        if (members.isEmpty()) return new int[] {0, 0};
        RBatch rb = redis.createBatch(BatchOptions.defaults());
        Map<String, List<RFuture<Boolean>>> exists = new HashMap<>();
        boolean lookups = false;
        for (String m : members) {
            List<RFuture<Boolean>> each = new ArrayList<>();
            for (String id : idsOf(m)) {
                if (!knownGone.contains(id)) each.add(rb.getBucket(k.job(id), StringCodec.INSTANCE).isExistsAsync());
            }
            lookups |= !each.isEmpty();
            exists.put(m, each);
        }
        if (lookups) rb.execute();
        List<String> empty = new ArrayList<>();
        int ids = 0;
        for (var e : exists.entrySet()) {
            if (e.getValue().stream().noneMatch(f -> f.toCompletableFuture().join())) {
                empty.add(e.getKey());
                ids += idsOf(e.getKey()).length;
            }
        }
        if (!empty.isEmpty()) redis.<String>getScoredSortedSet(k.timeIndex(), StringCodec.INSTANCE).removeAll(empty);
        return new int[] {empty.size(), ids};
    }
}
