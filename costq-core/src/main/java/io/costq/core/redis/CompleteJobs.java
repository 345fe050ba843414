package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * Wrapper of {@code completeJobs.lua}: records the ends of several runs in one call, each accepted only from the
 * holder of the job's current fencing token.
 */
public final class CompleteJobs {
    private static final LuaScript SCRIPT = LuaScript.load("completeJobs");

    public enum Outcome { DONE, NOT_RUNNING, STALE_TOKEN }

    /** How the run ended; SUCCEEDED runs teach the user's history. */
    public enum End { SUCCEEDED, FAILED, CANCELLED }

    /** One run's end: the result JSON for SUCCEEDED, else the error text. */
    public record Ending(ClaimedJob job, End end, String text, long durationMs) {
    }

    private final RedissonClient redis;
    private final Keys keys;

    public CompleteJobs(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Records the endings in one call; returns one outcome per ending, in order. */
    public List<Outcome> run(List<Ending> endings, long nowMs, int historyWindow, long retentionMs) {
        List<Object> keyList = new ArrayList<>(2 + 2 * endings.size());
        keyList.add(keys.running());
        keyList.add(keys.stats());
        List<Object> args = new ArrayList<>(4 + 5 * endings.size());
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(historyWindow));
        args.add(String.valueOf(retentionMs));
        args.add(keys.doneChannel());
        for (Ending e : endings) {
            keyList.add(keys.job(e.job().id()));
            keyList.add(keys.history(e.job().user()));
            args.add(e.job().id());
            args.add(String.valueOf(e.job().token()));
            args.add(e.end().name());
            args.add(e.text());
            args.add(String.valueOf(e.durationMs()));
        }
        List<Object> codes = SCRIPT.call(redis, RScript.ReturnType.LIST, keyList, args.toArray());
        List<Outcome> out = new ArrayList<>(codes.size());
        for (Object c : codes) {
            long code = LuaValues.asLong(c);
            out.add(code == 1 ? Outcome.DONE : code == -1 ? Outcome.NOT_RUNNING : Outcome.STALE_TOKEN);
        }
        return out;
    }

    /** One ending on its own. */
    public Outcome run(Ending ending, long nowMs, int historyWindow, long retentionMs) {
        return run(List.of(ending), nowMs, historyWindow, retentionMs).get(0);
    }
}
