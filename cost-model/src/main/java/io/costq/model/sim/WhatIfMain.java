package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What-if for an operator's config change: replays one trace under the current settings and under the proposed
 * ones (same seeded inputs, same production estimator, classifier and pick policy) and prints the latency table
 * side by side.
 * <pre>
 * WhatIfMain --trace FILE [--current key=value ...] --set key=value [--set ...] [--policy costq] [--nodes 5]
 *            [--cores 8] [--io-frac F] [--thrash K] [--speeds ..] [--warmup-ms T] [--cpu-smoothing-ms T]
 * </pre>
 * Keys are either the simulator's ({@code policy.cpuThreshold}) or the live config's
 * ({@code costq.policy.cpu-threshold}, as {@code PUT /v1/config} takes them); {@code --current} are the overrides
 * in force now (e.g. from {@code GET /v1/config}), {@code --set} the proposed change on top of them.
 */
public final class WhatIfMain {
    /** Live config keys the simulator models, and their simulator names. */
    static final Map<String, String> LIVE_TO_SIM = Map.ofEntries(
            Map.entry("costq.policy.cpu-threshold", "policy.cpuThreshold"),
            Map.entry("costq.policy.max-tasks", "policy.maxTasks"),
            Map.entry("costq.policy.fill-in-max-ms", "policy.fillInMaxMs"),
            Map.entry("costq.policy.idle-wait-ms", "policy.idleWaitMs"),
            Map.entry("costq.policy.slots-per-core", "policy.slotsPerCore"),
            Map.entry("costq.policy.starvation-ms", "policy.starvationMs"),
            Map.entry("costq.estimator.window", "estimator.window"),
            Map.entry("costq.estimator.scheme", "estimator.scheme"),
            Map.entry("costq.estimator.decay", "estimator.decay"),
            Map.entry("costq.estimator.default-prior-ms", "estimator.defaultPriorMs"),
            Map.entry("costq.classes.bounds-ms", "classes.bounds"),
            Map.entry("costq.classes.mode", "classes.mode"),
            Map.entry("costq.classes.min-samples", "classes.minSamples"));

    private WhatIfMain() {}

    public static void main(String[] args) {
        CliArgs a;
        Map<String, String> current;
        Map<String, String> proposed;
        try {
            a = CliArgs.parse(args, Set.of(), Set.of("trace", "policy", "nodes", "cores", "thrash", "io-frac", "speeds",
                    "warmup-ms", "set", "current", "cpu-smoothing-ms", "node-max-tasks"));
            if (!a.has("trace")) throw new IllegalArgumentException("--trace FILE is required");
            if (!a.has("set")) throw new IllegalArgumentException("--set key=value (the proposed change) is required");
            current = assignments(a.all("current"), true);
            proposed = new LinkedHashMap<>(current);
            proposed.putAll(assignments(a.all("set"), false));
            SettingsOverrides.parse(asList(proposed)); // unknown keys fail before the long runs
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: WhatIfMain --trace FILE [--current key=value ...] --set key=value [--set ...] [--policy costq]"
                    + " [--nodes 5] [--cores 8] [--io-frac F] [--warmup-ms T]");
            System.exit(2);
            return;
        }
        ClusterConfig config = ClusterConfig.from(a);
        String policy = a.get("policy", "costq");
        List<TraceJob> trace = TraceIo.read(Path.of(a.get("trace", null)));
        Simulator simulator = new Simulator(config, a.getDouble("warmup-ms", 0));
        System.out.println("trace " + a.get("trace", null) + ": " + trace.size() + " jobs; " + config.describe() + "; policy " + policy);
        System.out.println("current:  " + (current.isEmpty() ? "(defaults)" : current));
        System.out.println("proposed: " + proposed);
        SimResult now = simulator.run(trace, policy, SettingsOverrides.parse(asList(current)));
        SimResult next = simulator.run(trace, policy, SettingsOverrides.parse(asList(proposed)));
        System.out.print(sideBySide(now, next));
    }

    /** Rows of latency figures, current next to proposed, with the change. */
    static String sideBySide(SimResult now, SimResult next) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-16s | %10s | %10s | %9s |%n", "", "current", "proposed", "change"));
        sb.append("|------------------|-----------:|-----------:|----------:|\n");
        row(sb, "mean s", now.meanMs() / 1000, next.meanMs() / 1000);
        row(sb, "p50 s", now.p50Ms() / 1000, next.p50Ms() / 1000);
        row(sb, "p95 s", now.p95Ms() / 1000, next.p95Ms() / 1000);
        row(sb, "p99 s", now.p99Ms() / 1000, next.p99Ms() / 1000);
        row(sb, "max s", now.maxMs() / 1000, next.maxMs() / 1000);
        row(sb, "mean wait s", now.meanWaitMs() / 1000, next.meanWaitMs() / 1000);
        row(sb, "mean slowdown", now.meanSlowdown(), next.meanSlowdown());
        row(sb, "> 60 s (%)", 100 * now.over60sFraction(), 100 * next.over60sFraction());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double now, double next) {
        String change = now == 0 ? (next == 0 ? "0 %" : "new") : String.format(Locale.ROOT, "%+.1f %%", 100 * (next - now) / now);
        sb.append(String.format(Locale.ROOT, "| %-16s | %10.3f | %10.3f | %9s |%n", name, now, next, change));
    }

    /** key=value list to simulator keys; live keys the simulator does not model are skipped (current) or refused. */
    static Map<String, String> assignments(List<String> raw, boolean skipUnmodelled) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : raw) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, was " + a);
            String key = a.substring(0, eq).trim();
            if (key.startsWith("costq.")) {
                String sim = LIVE_TO_SIM.get(key);
                if (sim == null) {
                    if (skipUnmodelled) continue;
                    throw new IllegalArgumentException(key + " is not modelled by the simulator; modelled: " + LIVE_TO_SIM.keySet());
                }
                key = sim;
            }
            out.put(key, a.substring(eq + 1).trim());
        }
        return out;
    }

    private static List<String> asList(Map<String, String> values) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
