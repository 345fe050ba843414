package io.costq.core.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrapper of {@code completeJobs.lua}: records the ends of several runs of one partition in one call, each
 * accepted only from the holder of the job's current fencing token.
 * <p>A successful run joins its user's history in the same step when that history lives in the job's partition
 * (always with one partition). A job placed by its ordering key may live elsewhere: its run is added to the
 * user's partition right after, as a second step; losing that one sample (a crash in between) only makes the
 * next estimate a little older.
 */
public final class CompleteJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteJobs.class);
    private static final LuaScript SCRIPT = LuaScript.load("completeJobs");

    public enum Outcome { DONE, NOT_RUNNING, STALE_TOKEN }

    /** How the run ended; SUCCEEDED runs teach the user's history. */
    public enum End { SUCCEEDED, FAILED, CANCELLED }

    /** One run's end: the result JSON for SUCCEEDED, else the error text. */
    public record Ending(ClaimedJob job, End end, String text, long durationMs) {
    }

    private final RedissonClient redis;
    private final Partitions partitions;
    private final int partition;
    private final Keys keys;

    /** One partition: every user's history is local. */
    public CompleteJobs(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.partitions = null;
        this.partition = 0;
        this.keys = keys;
    }

    /** Endings of jobs of {@code partition}. */
    public CompleteJobs(RedissonClient redis, Partitions partitions, int partition) {
        this.redis = redis;
        this.partitions = partitions;
        this.partition = partition;
        this.keys = partitions.keys(partition);
    }

    /** Records the endings in one call; returns one outcome per ending, in order. */
    public List<Outcome> run(List<Ending> endings, long nowMs, int historyWindow, long retentionMs) {
        List<Object> keyList = new ArrayList<>(2 + Math.min(endings.size(), 16));
        keyList.add(keys.running());
        keyList.add(keys.stats());
        Map<String, String> historyIndex = new HashMap<>(); // user -> index of the user's history key after the first two
        Object[] args = new Object[5 + 6 * endings.size()];
        args[0] = String.valueOf(nowMs);
        args[1] = String.valueOf(historyWindow);
        args[2] = String.valueOf(retentionMs);
        args[3] = keys.doneChannel();
        args[4] = keys.jobPrefix();
        int i = 5;
        for (Ending e : endings) {
            String user = e.job().user();
            args[i++] = e.job().id();
            args[i++] = String.valueOf(e.job().token());
            args[i++] = e.end().name();
            args[i++] = e.text();
            args[i++] = String.valueOf(e.durationMs());
            args[i++] = !historyHere(e) ? "0" : historyIndex.computeIfAbsent(user, u -> {
                keyList.add(keys.history(u));
                return String.valueOf(keyList.size() - 2);
            });
        }
        List<Object> codes = SCRIPT.call(redis, RScript.ReturnType.LIST, keyList, args);
        List<Outcome> out = new ArrayList<>(codes.size());
        for (Object c : codes) {
            long code = LuaValues.asLong(c);
            out.add(code == 1 ? Outcome.DONE : code == -1 ? Outcome.NOT_RUNNING : Outcome.STALE_TOKEN);
        }
        recordElsewhere(endings, out, historyWindow);
        return out;
    }

    /** One ending on its own. */
    public Outcome run(Ending ending, long nowMs, int historyWindow, long retentionMs) {
        return run(List.of(ending), nowMs, historyWindow, retentionMs).get(0);
    }

    private boolean historyHere(Ending e) {
        return partitions == null || partitions.forUser(e.job().user()) == partition;
    }

    private void recordElsewhere(List<Ending> endings, List<Outcome> outcomes, int historyWindow) {
        RBatch batch = null;
        for (int i = 0; i < endings.size(); i++) {
            Ending e = endings.get(i);
            if (outcomes.get(i) != Outcome.DONE || e.end() != End.SUCCEEDED || historyHere(e)) continue;
            if (batch == null) batch = redis.createBatch(BatchOptions.defaults());
            String history = partitions.keys(partitions.forUser(e.job().user())).history(e.job().user());
            batch.<String>getDeque(history, StringCodec.INSTANCE).addFirstAsync(String.valueOf(e.durationMs()));
            batch.<String>getList(history, StringCodec.INSTANCE).trimAsync(0, historyWindow - 1);
        }
        if (batch == null) return;
        try {
            batch.execute();
        } catch (RuntimeException ex) {
            LOG.debug("could not add runs to their users' histories in other partitions: {}", ex.toString());
        }
    }
}
