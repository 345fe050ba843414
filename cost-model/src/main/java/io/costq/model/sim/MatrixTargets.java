package io.costq.model.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The targets, checked on the worst seed of each scenario (skipped when a scenario or policy was not run). */
final class MatrixTargets {
    /** One target: the worst seed's figure against its limit. */
    record Check(String scenario, String what, double worst, double limit, String unit) {
        boolean met() {
            return worst <= limit + 1e-9;
        }

        String line() {
            return String.format(Locale.ROOT, "- %-12s %-58s worst seed %8.3f%s (limit %.3f%s): %s", scenario, what, worst, unit,
                    limit, unit, met() ? "met" : "MISSED");
        }
    }

    private MatrixTargets() {}

    static List<Check> check(Map<String, List<MatrixRun.Cell>> byScenario) {
        List<Check> out = new ArrayList<>();
        add(out, byScenario, "busy", "costq mean / oracle-cpu mean", 1.3, "",
                c -> c.of("costq").meanMs() / c.of("oracle-cpu").meanMs(), "costq", "oracle-cpu");
        add(out, byScenario, "busy", "costq p99", 40, " s", c -> c.of("costq").p99Ms() / 1000, "costq");
        add(out, byScenario, "busy", "costq jobs over 60 s", 0, "", c -> c.of("costq").over60s(), "costq");
        add(out, byScenario, "steady-0.9", "costq mean / oracle mean", 1.05, "",
                c -> c.of("costq").meanMs() / c.of("oracle").meanMs(), "costq", "oracle");
        add(out, byScenario, "steady-0.9", "costq p99 / lc-push p99", 1.0, "",
                c -> c.of("costq").p99Ms() / c.of("lc-push").p99Ms(), "costq", "lc-push");
        add(out, byScenario, "overload", "costq jobs over 60 s minus fifo-pull's (< 0: fewer)", -1, "",
                c -> c.of("costq").over60s() - c.of("fifo-pull").over60s(), "costq", "fifo-pull");
        add(out, byScenario, "overload", "costq max response / fifo-pull's", 1.0, "",
                c -> c.of("costq").maxMs() / c.of("fifo-pull").maxMs(), "costq", "fifo-pull");
        lanes(out, byScenario);
        add(out, byScenario, "busy-io0.9", "costq core time idle while jobs queued (cores kept busy)", 1.0, " %",
                c -> 100 * c.of("costq").idleWhileWaiting(), "costq");
        return out;
    }

    /** Issue 18: with the export flooding the fleet, the logins' p50 and p99 within 10 % of the same seed's busy hour. */
    private static void lanes(List<Check> out, Map<String, List<MatrixRun.Cell>> byScenario) {
        List<MatrixRun.Cell> flood = byScenario.get("busy-batch");
        List<MatrixRun.Cell> busy = byScenario.get("busy");
        if (flood == null || busy == null || flood.isEmpty() || flood.get(0).of("costq") == null || busy.get(0).of("costq") == null) return;
        Map<Long, SimResult> alone = new java.util.HashMap<>();
        for (MatrixRun.Cell c : busy) alone.put(c.seed(), c.of("costq"));
        List<MatrixRun.Cell> paired = flood.stream().filter(c -> alone.containsKey(c.seed())).toList();
        if (paired.isEmpty()) return;
        out.add(new Check("busy-batch", "costq login p50 / busy's (same seed)", MatrixReport.worst(MatrixReport.each(paired,
                c -> c.of("costq").p50Ms() / alone.get(c.seed()).p50Ms())), 1.1, ""));
        out.add(new Check("busy-batch", "costq login p99 / busy's (same seed)", MatrixReport.worst(MatrixReport.each(paired,
                c -> c.of("costq").p99Ms() / alone.get(c.seed()).p99Ms())), 1.1, ""));
        int jobs = paired.get(0).scenario().flood().jobs();
        out.add(new Check("busy-batch", "costq batch jobs not finished", MatrixReport.worst(MatrixReport.each(paired,
                c -> jobs - c.of("costq").batch().finished())), 0, ""));
    }

    private static void add(List<Check> out, Map<String, List<MatrixRun.Cell>> byScenario, String scenario, String what,
                            double limit, String unit, ToDoubleFunction<MatrixRun.Cell> figure, String... needs) {
        List<MatrixRun.Cell> cells = byScenario.get(scenario);
        if (cells == null || cells.isEmpty()) return;
        for (String p : needs) if (cells.get(0).of(p) == null) return;
        out.add(new Check(scenario, what, MatrixReport.worst(MatrixReport.each(cells, figure)), limit, unit));
    }
}
