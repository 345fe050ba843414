package io.costq.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wrapper of {@code completeJobs.lua}: records the ends of several runs of one partition in one call, each
 * accepted only from the holder of the job's current fencing token.
 * <p>A successful run joins its user's history in the same step when that history lives in the job's partition
 * (always with one partition). A job placed by its ordering key may live elsewhere: the store adds its run to the
 * user's partition right after, as a second step ({@link JobStore}).
 */
public final class CompleteJobs {
    static final LuaScript SCRIPT = LuaScript.load("completeJobs");

    public enum Outcome { DONE, NOT_RUNNING, STALE_TOKEN }

    private CompleteJobs() {
    }

    /**
     * @param historyHere whether the user of an ending has its history in this partition
     */
    static ScriptCall<List<Outcome>> call(Keys keys, List<Ending> endings, java.util.function.Predicate<Ending> historyHere,
                                          long nowMs, int historyWindow, long retentionMs) {
        List<Object> keyList = new ArrayList<>(2 + Math.min(endings.size(), 16));
        keyList.add(keys.running());
        keyList.add(keys.stats());
        Map<History, String> historyIndex = new HashMap<>(); // history -> index of its key after the first two
        Object[] args = new Object[3 + 6 * endings.size()];
        args[0] = String.valueOf(nowMs);
        args[1] = String.valueOf(historyWindow);
        args[2] = String.valueOf(retentionMs);
        int i = 3;
        for (Ending e : endings) {
            args[i++] = e.job().id();
            args[i++] = String.valueOf(e.job().token());
            args[i++] = e.end().name();
            args[i++] = e.text();
            args[i++] = String.valueOf(e.durationMs());
            args[i++] = !historyHere.test(e) ? "0" : historyIndex.computeIfAbsent(e.job().history(), h -> {
                keyList.add(h.key(keys));
                return String.valueOf(keyList.size() - 2);
            });
        }
        return ScriptCall.ofList(SCRIPT, keyList, args).map(CompleteJobs::outcomes);
    }

    private static List<Outcome> outcomes(List<Object> codes) {
        List<Outcome> out = new ArrayList<>(codes.size());
        for (Object c : codes) {
            ScriptCode code = ScriptCode.of(c);
            out.add(switch (code) {
                case DONE -> Outcome.DONE;
                case WRONG_STATE -> Outcome.NOT_RUNNING;
                case STALE_TOKEN -> Outcome.STALE_TOKEN;
                default -> throw code.unexpected("completeJobs");
            });
        }
        return out;
    }
}
