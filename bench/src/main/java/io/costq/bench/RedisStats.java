package io.costq.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One reading of {@code INFO commandstats cpu}: calls and µs per command, and the server's CPU time.
 * {@link #since} gives the cost of what ran between two readings (less the later reading's own INFO).
 */
public record RedisStats(Map<String, long[]> commands, long cpuUs, long nanos) {
    private static final Set<String> SCRIPTS = Set.of("evalsha", "eval", "evalsha_ro", "eval_ro", "fcall", "fcall_ro");

    public RedisStats since(RedisStats before) {
        Map<String, long[]> diff = new HashMap<>();
        commands.forEach((name, now) -> {
            long[] then = before.commands.getOrDefault(name, new long[2]);
            long calls = now[0] - then[0] - (name.equals("info") ? 1 : 0);
            if (calls > 0) diff.put(name, new long[]{calls, now[1] - then[1]});
        });
        return new RedisStats(diff, cpuUs - before.cpuUs, nanos - before.nanos);
    }

    long calls() {
        return commands.values().stream().mapToLong(c -> c[0]).sum();
    }

    long scriptCalls() {
        return commands.entrySet().stream().filter(e -> SCRIPTS.contains(e.getKey())).mapToLong(e -> e.getValue()[0]).sum();
    }

    /** Time Redis spent running scripts, µs: their own cost, without I/O. */
    public long scriptMicros() {
        return commands.entrySet().stream().filter(e -> SCRIPTS.contains(e.getKey())).mapToLong(e -> e.getValue()[1]).sum();
    }

    /** Calls per job of each command, largest first: name -> [calls/job, µs/job]. */
    Map<String, double[]> perJob(long jobs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        commands.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.put(e.getKey(), new double[]{(double) e.getValue()[0] / jobs, (double) e.getValue()[1] / jobs}));
        return out;
    }

    /** The figures every phase reports, with a key prefix. */
    void report(Results r, String prefix, long jobs) {
        r.put(prefix + "redis_cmds_per_job", (double) calls() / jobs);
        r.put(prefix + "redis_scripts_per_job", (double) scriptCalls() / jobs);
        r.put(prefix + "redis_cpu_us_per_job", (double) cpuUs / jobs);
        Map<String, Object> breakdown = new LinkedHashMap<>();
        perJob(jobs).forEach((name, v) -> breakdown.put(name, Map.of("calls", Results.round(v[0], 3), "usec", Results.round(v[1], 2))));
        r.put(prefix + "redis_cmd_breakdown_per_job", breakdown);
    }
}
