package io.costq.model.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The matrix as tables: per scenario one row per policy, each figure as the median over the seeds and the worst
 * seed's (the worst of each figure on its own: the highest mean, p99, max, count over 60 s).
 */
final class MatrixReport {
    static final String YARDSTICK = "oracle-cpu";

    private MatrixReport() {}

    /** One scenario's table; {@code cells} are its seeds. */
    static String table(Scenario s, List<MatrixRun.Cell> cells, List<String> policies) {
        StringBuilder b = new StringBuilder();
        SimResult any = cells.get(0).byPolicy().values().iterator().next();
        double[] jobs = each(cells, c -> c.byPolicy().values().iterator().next().jobs());
        double[] bound = each(cells, c -> c.byPolicy().values().iterator().next().lowerBoundMs());
        b.append(String.format(Locale.ROOT, "#### %s: %s%n%n%d seeds (%d..%d), %.0f counted jobs per seed (median); lower bound of the mean"
                        + " (every job alone on the fastest node): %.2f s (median)%n%n", s.name(), s.title(), cells.size(), cells.get(0).seed(),
                cells.get(cells.size() - 1).seed(), median(jobs), median(bound) / 1000));
        boolean yardstick = any != null && cells.get(0).of(YARDSTICK) != null;
        b.append("| policy      | mean s (med / worst) | ÷ oracle-cpu (med / worst) | p99 s (med / worst) | max s (med / worst) | >60 s jobs (med / worst) | idle while queued % (med / worst) |\n");
        b.append("|-------------|---------------------:|---------------------------:|--------------------:|--------------------:|-------------------------:|----------------------------------:|\n");
        for (String p : policies) {
            double[] mean = each(cells, c -> c.of(p).meanMs() / 1000);
            double[] ratio = yardstick ? each(cells, c -> c.of(p).meanMs() / c.of(YARDSTICK).meanMs()) : null;
            double[] p99 = each(cells, c -> c.of(p).p99Ms() / 1000);
            double[] max = each(cells, c -> c.of(p).maxMs() / 1000);
            double[] late = each(cells, c -> c.of(p).over60s());
            double[] idle = each(cells, c -> 100 * c.of(p).idleWhileWaiting());
            b.append(String.format(Locale.ROOT, "| %-11s | %20s | %26s | %19s | %19s | %24s | %33s |%n", p,
                    pair(mean, "%.2f"), ratio == null ? "—" : pair(ratio, "%.2f"), pair(p99, "%.1f"), pair(max, "%.1f"),
                    pair(late, "%.0f"), Double.isNaN(idle[0]) ? "—" : pair(idle, "%.2f")));
        }
        if (s.flood() != null) b.append(floodTable(s, cells, policies));
        return b.toString();
    }

    /** The batch export's side: how many of its jobs finished, their response times, when the last one ended. */
    private static String floodTable(Scenario s, List<MatrixRun.Cell> cells, List<String> policies) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nThe table above is the logins'; the export (%s):%n%n",
                s.flood().describe()));
        b.append("| policy      | batch jobs finished (min) | batch mean s (med / worst) | batch max s (med / worst) | last batch job ends, min (med / worst) |\n");
        b.append("|-------------|--------------------------:|---------------------------:|--------------------------:|---------------------------------------:|\n");
        for (String p : policies) {
            BatchOutcome any = cells.get(0).of(p).batch();
            if (any == null) continue;
            double[] finished = each(cells, c -> c.of(p).batch().finished());
            double[] mean = each(cells, c -> c.of(p).batch().meanMs() / 1000);
            double[] max = each(cells, c -> c.of(p).batch().maxMs() / 1000);
            double[] last = each(cells, c -> c.of(p).batch().lastEndMs() / 60_000);
            b.append(String.format(Locale.ROOT, "| %-11s | %25.0f | %26s | %25s | %38s |%n", p,
                    Arrays.stream(finished).min().orElse(0), pair(mean, "%.1f"), pair(max, "%.1f"), pair(last, "%.1f")));
        }
        return b.toString();
    }

    private static String pair(double[] values, String format) {
        return String.format(Locale.ROOT, format + " / " + format, median(values), worst(values));
    }

    static double[] each(List<MatrixRun.Cell> cells, ToDoubleFunction<MatrixRun.Cell> f) {
        return cells.stream().mapToDouble(f).toArray();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double worst(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
