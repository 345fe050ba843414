package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What-if for an operator's config change ({@code ./costq what-if}): replays one trace under the current settings and
 * under the proposed ones (same seeded inputs, same production estimator, classifier and pick policy) and prints
 * the latency table side by side.
 * Keys are either the simulator's ({@code policy.cpuThreshold}) or the live config's
 * ({@code costq.policy.cpu-threshold}, as {@code PUT /v1/config} takes them); {@code --current} are the overrides
 * in force now (e.g. from {@code GET /v1/config}), {@code --set} the proposed change on top of them.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates a trace under the current and the proposed settings, side by side.")
public final class WhatIfMain implements Callable<Integer> {
    /** Live config keys the simulator models, and their simulator names. */
    static final Map<String, String> LIVE_TO_SIM = Map.ofEntries(
            Map.entry("costq.policy.cpu-threshold", "policy.cpuThreshold"),
            Map.entry("costq.policy.max-tasks", "policy.maxTasks"),
            Map.entry("costq.policy.fill-in-max-ms", "policy.fillInMaxMs"),
            Map.entry("costq.policy.idle-wait-ms", "policy.idleWaitMs"),
            Map.entry("costq.policy.slots-per-core", "policy.slotsPerCore"),
            Map.entry("costq.policy.starvation-ms", "policy.starvationMs"),
            Map.entry("costq.policy.defer-ms", "policy.deferMs"),
            Map.entry("costq.policy.projected-ms", "policy.projectedMs"),
            Map.entry("costq.estimator.window", "estimator.window"),
            Map.entry("costq.estimator.scheme", "estimator.scheme"),
            Map.entry("costq.estimator.decay", "estimator.decay"),
            Map.entry("costq.estimator.default-prior-ms", "estimator.defaultPriorMs"),
            Map.entry("costq.classes.bounds-ms", "classes.bounds"),
            Map.entry("costq.classes.mode", "classes.mode"),
            Map.entry("costq.classes.min-samples", "classes.minSamples"));

    @Option(names = "--trace", required = true, description = "the trace CSV")
    Path trace;

    @Option(names = "--current", description = "an override in force now, key=value (repeatable)")
    List<String> current = new ArrayList<>();

    @Option(names = "--set", required = true, description = "the proposed change, key=value (repeatable)")
    List<String> set = new ArrayList<>();

    @Option(names = "--policy", defaultValue = "costq", description = "the policy (default ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--warmup-ms", defaultValue = "0", description = "jobs arriving before this are not counted")
    double warmupMs;

    @Mixin
    ClusterOptions cluster;

    WhatIfMain() {}

    public static void main(String[] args) {
        System.exit(SimCli.run(new WhatIfMain(), args));
    }

    @Override
    public Integer call() {
        Map<String, String> now = assignments(current, true);
        Map<String, String> proposed = new LinkedHashMap<>(now);
        proposed.putAll(assignments(set, false));
        SettingsOverrides.parse(asList(proposed)); // unknown keys fail before the long runs
        ClusterConfig config = cluster.config();
        List<TraceJob> jobs = TraceIo.read(trace);
        Simulator simulator = new Simulator(config, warmupMs);
        System.out.println("trace " + trace + ": " + jobs.size() + " jobs; " + config.describe() + "; policy " + policy);
        System.out.println("current:  " + (now.isEmpty() ? "(defaults)" : now));
        System.out.println("proposed: " + proposed);
        SimResult before = simulator.run(jobs, policy, SettingsOverrides.parse(asList(now)));
        SimResult after = simulator.run(jobs, policy, SettingsOverrides.parse(asList(proposed)));
        System.out.print(sideBySide(before, after));
        return 0;
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
