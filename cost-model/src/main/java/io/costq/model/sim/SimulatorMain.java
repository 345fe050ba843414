package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./costq simulate}: one trace under each named policy, side by side (or one JSON line per policy), and
 * {@code ./costq simulate matrix} ({@link MatrixMain}): every scenario over many seeds.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, subcommands = MatrixMain.class,
        description = "Runs a trace under the named policies (same inputs for all) and prints them side by side.")
public final class SimulatorMain implements Callable<Integer> {
    @Option(names = "--trace", description = "the trace CSV (arrival_ms,user,cost_ms)")
    Path trace;

    @Option(names = "--policy", split = ",", description = "policies, or all: ${COMPLETION-CANDIDATES}",
            completionCandidates = PolicyNames.class)
    List<String> policy = new ArrayList<>();

    @Option(names = "--warmup-ms", defaultValue = "0", description = "jobs arriving before this are not counted")
    double warmupMs;

    @Option(names = "--json", description = "one JSON line per policy instead of the table")
    boolean json;

    @Option(names = "--set", description = "override a setting, key=value (repeatable); keys: see docs/scheduling.md")
    List<String> set = new ArrayList<>();

    @Mixin
    ClusterOptions cluster;

    SimulatorMain() {}

    public static void main(String[] args) {
        System.exit(SimCli.run(new SimulatorMain(), args));
    }

    /** The catalog's names, for the help text. */
    static final class PolicyNames extends ArrayList<String> {
        PolicyNames() {
            super(PolicyCatalog.ALL);
        }
    }

    /** Policy names from the options: comma lists and {@code all} expanded; all when none given. */
    static List<String> expand(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String p : given.isEmpty() ? List.of("all") : given) {
            String name = p.trim();
            if (name.equals("all")) out.addAll(PolicyCatalog.ALL); else out.add(name);
        }
        return out;
    }

    @Override
    public Integer call() {
        if (trace == null) throw new IllegalArgumentException("--trace FILE is required");
        ClusterConfig config = cluster.config();
        SettingsOverrides overrides = SettingsOverrides.parse(set);
        List<String> policies = expand(policy);
        List<TraceJob> jobs = TraceIo.read(trace);
        Simulator simulator = new Simulator(config, warmupMs);
        if (!json) {
            System.out.println("trace " + trace + ": " + jobs.size() + " jobs; " + config.describe() + "; warm-up " + warmupMs
                    + " ms; overrides " + overrides);
        }
        List<SimResult> results = new ArrayList<>();
        for (String p : policies) {
            SimResult r = simulator.run(jobs, p, overrides);
            if (json) System.out.println(r.toJson()); else System.err.println("done: " + p);
            results.add(r);
        }
        if (!json) System.out.print(ResultTable.format(results));
        return 0;
    }
}
