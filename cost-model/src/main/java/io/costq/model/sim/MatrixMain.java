package io.costq.model.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./costq simulate matrix}: every scenario of {@link Scenarios} over {@code --seeds} seeds, each policy on the
 * same traces, seeds run in parallel over the cores; prints one table per scenario (median and worst seed) and
 * the targets checked on the worst seed.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the scenario matrix (docs/scheduling.md): median and worst seed per scenario and policy.")
public final class MatrixMain implements Callable<Integer> {
    static final List<String> DEFAULT_POLICIES = List.of("costq", "costq-true", "simple-rule", "oracle-cpu", "oracle-line", "oracle",
            "lc-push", "fifo-pull");

    @Option(names = "--seeds", defaultValue = "10", description = "seeds per scenario (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "the first seed (default ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--threads", description = "parallel runs (default: available processors)")
    Integer threads;

    @Option(names = "--scenario", split = ",", description = "scenarios (default all)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--policy", split = ",", description = "policies (default costq, costq-true, simple-rule, oracle-cpu, oracle-line, oracle, lc-push, fifo-pull; or all)")
    List<String> policies = new ArrayList<>();

    @Option(names = "--set", description = "override a setting for every run, key=value (repeatable)")
    List<String> set = new ArrayList<>();

    @Option(names = "--json", description = "also write one JSON line per scenario, seed and policy to this file")
    Path json;

    MatrixMain() {}

    public static void main(String[] args) {
        System.exit(SimCli.run(new MatrixMain(), args));
    }

    @Override
    public Integer call() {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1");
        List<Scenario> chosen = scenarios.isEmpty() ? Scenarios.ALL : scenarios.stream().map(Scenarios::named).toList();
        List<String> names = policies.isEmpty() ? DEFAULT_POLICIES : SimulatorMain.expand(policies);
        for (String p : names) PolicyCatalog.create(p, SettingsOverrides.none()); // unknown names fail before the runs
        SettingsOverrides overrides = SettingsOverrides.parse(set);
        int parallel = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        System.err.printf(Locale.ROOT, "matrix: %d scenarios x %d seeds x %d policies on %d threads%n", chosen.size(), seeds,
                names.size(), parallel);
        long t0 = System.nanoTime();
        AtomicInteger finished = new AtomicInteger();
        int total = chosen.size() * seeds;
        MatrixRun matrix = new MatrixRun(names, overrides);
        List<MatrixRun.Cell> cells = matrix.run(chosen, firstSeed, seeds, parallel, c ->
                System.err.printf(Locale.ROOT, "matrix: %d/%d %s seed %d (%.0f s)%n", finished.incrementAndGet(), total,
                        c.scenario().name(), c.seed(), (System.nanoTime() - t0) / 1e9));
        double wallS = (System.nanoTime() - t0) / 1e9;
        Map<String, List<MatrixRun.Cell>> byScenario = new LinkedHashMap<>();
        for (MatrixRun.Cell c : cells) byScenario.computeIfAbsent(c.scenario().name(), k -> new ArrayList<>()).add(c);
        System.out.printf(Locale.ROOT, "Scenario matrix: %d seeds from %d, policies %s, overrides %s; %.0f s wall on %d threads%n%n",
                seeds, firstSeed, names, overrides, wallS, parallel);
        for (Scenario s : chosen) System.out.println(MatrixReport.table(s, byScenario.get(s.name()), names));
        List<MatrixTargets.Check> checks = MatrixTargets.check(byScenario);
        if (!checks.isEmpty()) {
            System.out.println("Targets (worst seed):\n");
            for (MatrixTargets.Check c : checks) System.out.println(c.line());
        }
        System.out.printf(Locale.ROOT, "%nSimulation time per policy (thread seconds, all runs): %s%n", matrix.secondsByPolicy().entrySet()
                .stream().map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue())).toList());
        if (json != null) writeJson(cells);
        return 0;
    }

    private void writeJson(List<MatrixRun.Cell> cells) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(json))) {
            for (MatrixRun.Cell c : cells) {
                for (SimResult r : c.byPolicy().values()) {
                    out.println("{\"scenario\":\"" + c.scenario().name() + "\",\"seed\":" + c.seed() + "," + r.toJson().substring(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
