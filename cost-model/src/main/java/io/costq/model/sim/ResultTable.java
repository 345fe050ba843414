package io.costq.model.sim;

import java.util.List;
import java.util.Locale;

/** The policies' results side by side, one row each (seconds, except slowdown and shares). */
final class ResultTable {
    private ResultTable() {}

    static String format(List<SimResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-11s | %8s | %7s | %7s | %7s | %8s | %9s | %9s | %8s | %-30s |%n",
                "policy", "jobs", "mean s", "p50 s", "p95 s", "p99 s", "max s", "slowdown", ">60 s", "node utilization"));
        sb.append("|-------------|---------:|--------:|--------:|--------:|---------:|----------:|----------:|---------:|--------------------------------|\n");
        for (SimResult r : results) {
            StringBuilder u = new StringBuilder();
            for (double x : r.nodeUtilization()) u.append(u.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
            sb.append(String.format(Locale.ROOT, "| %-11s | %8d | %7.2f | %7.2f | %7.2f | %8.2f | %9.1f | %9.2f | %7.3f%% | %-30s |%n",
                    r.policy(), r.jobs(), r.meanMs() / 1000, r.p50Ms() / 1000, r.p95Ms() / 1000, r.p99Ms() / 1000,
                    r.maxMs() / 1000, r.meanSlowdown(), 100 * r.over60sFraction(), u));
        }
        return sb.toString();
    }
}
