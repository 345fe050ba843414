package io.costq.core.store;

import io.costq.core.job.ClaimedJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Wrapper of {@code claimJobs.lua}: claims up to n jobs of one class, of the node's types, under a lease with
 * fencing tokens (a job past its start deadline EXPIRES instead; one whose channel is full or paused is parked, by the
 * channel settings stored in Redis).
 */
final class ClaimJobs {
    static final LuaScript SCRIPT = LuaScript.load("claimJobs");

    private ClaimJobs() {
    }

    static ScriptCall<List<ClaimedJob>> call(Keys keys, Claim c, long retentionMs) {
        List<Object> args = new ArrayList<>(7 + c.types().size());
        args.add(String.valueOf(c.max()));
        args.add(c.nodeId());
        args.add(String.valueOf(c.nowMs()));
        args.add(String.valueOf(c.leaseMs()));
        args.add(String.valueOf(retentionMs));
        args.add(String.valueOf(c.costClass()));
        addTypes(args, c.types());
        int costClass = c.costClass();
        return ScriptCall.ofList(SCRIPT, List.of(keys.running(), keys.fence()), args.toArray())
                .map(reply -> claimed(reply, costClass));
    }

    /** The count, then the names (as {@code typesFrom} in {@code lib/keys.lua} reads them; none: every type). */
    static void addTypes(List<Object> args, List<String> types) {
        args.add(String.valueOf(types.size()));
        args.addAll(types);
    }

    /** Values per claimed job in the script's flat reply. */
    private static final int PER_JOB = 11;

    private static List<ClaimedJob> claimed(List<Object> f, int costClass) {
        List<ClaimedJob> out = new ArrayList<>(f.size() / PER_JOB);
        for (int i = 0; i + PER_JOB <= f.size(); i += PER_JOB) {
            out.add(new ClaimedJob(LuaValues.asString(f.get(i)), LuaValues.asLong(f.get(i + 1)), LuaValues.asString(f.get(i + 2)),
                    LuaValues.asString(f.get(i + 3)), LuaValues.asString(f.get(i + 4)), LuaValues.asLong(f.get(i + 5)),
                    (int) LuaValues.asLong(f.get(i + 6)), LuaValues.asLong(f.get(i + 7)), LuaValues.asLong(f.get(i + 8)), costClass,
                    LuaValues.asString(f.get(i + 9)), LuaValues.asString(f.get(i + 10))));
        }
        return out;
    }
}
