package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * <pre>
 * SimulatorMain --trace FILE --policy P [--policy Q ...|--policy all] [--nodes 5] [--cores 8] [--thrash K]
 *               [--io-frac F] [--speeds 1,1,1,0.7,0.7] [--warmup-ms T] [--cpu-smoothing-ms T] [--node-max-tasks N]
 *               [--json] [--set key=value ...]
 * </pre>
 * Policies: costq, costq-seed, fifo-pull, rr-push, lc-push, oracle (or a comma list, or all). With {@code --json}
 * one JSON line per policy, else a table of all policies side by side on the same trace.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) {
        CliArgs a;
        try {
            a = CliArgs.parse(args, Set.of("json"), Set.of("trace", "policy", "nodes", "cores", "thrash", "io-frac",
                    "speeds", "warmup-ms", "set", "cpu-smoothing-ms", "node-max-tasks"));
            if (!a.has("trace")) throw new IllegalArgumentException("--trace FILE is required");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SimulatorMain --trace FILE --policy P|all [--nodes 5] [--cores 8] [--thrash K] [--io-frac F]"
                    + " [--speeds s1,..] [--warmup-ms T] [--json] [--set key=value ...]");
            System.exit(2);
            return;
        }
        ClusterConfig config = ClusterConfig.from(a);
        SettingsOverrides overrides = SettingsOverrides.parse(a.all("set"));
        List<String> policies = new ArrayList<>();
        for (String p : a.all("policy").isEmpty() ? List.of("all") : a.all("policy")) {
            for (String name : p.split(",")) {
                if (name.trim().equals("all")) policies.addAll(PolicyCatalog.ALL); else policies.add(name.trim());
            }
        }
        List<TraceJob> trace = TraceIo.read(Path.of(a.get("trace", null)));
        Simulator simulator = new Simulator(config, a.getDouble("warmup-ms", 0));
        boolean json = a.has("json");
        if (!json) {
            System.out.println("trace " + a.get("trace", null) + ": " + trace.size() + " jobs; " + config.describe()
                    + "; warm-up " + a.getDouble("warmup-ms", 0) + " ms; overrides " + overrides);
        }
        List<SimResult> results = new ArrayList<>();
        for (String policy : policies) {
            SimResult r = simulator.run(trace, policy, overrides);
            if (json) System.out.println(r.toJson()); else System.err.println("done: " + policy);
            results.add(r);
        }
        if (!json) System.out.print(ResultTable.format(results));
    }
}
