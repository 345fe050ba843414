package io.costq.model.sim;

import java.util.Locale;

/**
 * The measured outcome of one policy on one trace (jobs arriving after the warm-up).
 *
 * @param policy          the policy's name
 * @param jobs            jobs counted
 * @param meanMs          mean response time, arrival to completion
 * @param p50Ms           median response time
 * @param p95Ms           95th percentile
 * @param p99Ms           99th percentile
 * @param maxMs           the longest response
 * @param meanSlowdown    mean of response / stand-alone cost
 * @param over60sFraction share of jobs slower than 60 s (a failed login)
 * @param meanWaitMs      mean time from arrival to start
 * @param nodeUtilization each node's busy-core share
 * @param lowerBoundMs    a lower bound of {@code meanMs}: the mean over the same jobs of their cost with the CPU part
 *                        on the fastest node and no wait for a core (no policy can do better)
 * @param idleWhileWaiting share of the cluster's core time (warm-up to the last completion) that was idle while jobs
 *                        waited in the shared queue: how far a pull policy falls short of keeping the cores as busy
 *                        as the load allows (NaN for a push balancer, which has no shared queue)
 * @param batch           the batch-lane jobs (every other figure is the interactive jobs')
 */
public record SimResult(String policy, long jobs, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                        double meanSlowdown, double over60sFraction, double meanWaitMs, double[] nodeUtilization,
                        double lowerBoundMs, double idleWhileWaiting, BatchOutcome batch) {

    /** A run without batch work. */
    public SimResult(String policy, long jobs, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                     double meanSlowdown, double over60sFraction, double meanWaitMs, double[] nodeUtilization,
                     double lowerBoundMs, double idleWhileWaiting) {
        this(policy, jobs, meanMs, p50Ms, p95Ms, p99Ms, maxMs, meanSlowdown, over60sFraction, meanWaitMs, nodeUtilization,
                lowerBoundMs, idleWhileWaiting, BatchOutcome.NONE);
    }

    /** Jobs slower than 60 s. */
    public long over60s() {
        return Math.round(over60sFraction * jobs);
    }

    public String toJson() {
        StringBuilder u = new StringBuilder("[");
        for (int i = 0; i < nodeUtilization.length; i++) {
            u.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", nodeUtilization[i]));
        }
        u.append(']');
        return String.format(Locale.ROOT, "{\"policy\":\"%s\",\"jobs\":%d,\"mean_ms\":%.1f,\"p50_ms\":%.1f,\"p95_ms\":%.1f,"
                        + "\"p99_ms\":%.1f,\"max_ms\":%.1f,\"mean_slowdown\":%.3f,\"over_60s_fraction\":%.6f,"
                        + "\"mean_wait_ms\":%.1f,\"node_utilization\":%s,\"lower_bound_ms\":%.1f,\"idle_while_waiting\":%s%s}",
                policy, jobs, meanMs, p50Ms, p95Ms, p99Ms, maxMs, meanSlowdown, over60sFraction, meanWaitMs, u, lowerBoundMs,
                Double.isNaN(idleWhileWaiting) ? "null" : String.format(Locale.ROOT, "%.5f", idleWhileWaiting),
                batch.finished() > 0 ? "," + batch.json() : "");
    }
}
