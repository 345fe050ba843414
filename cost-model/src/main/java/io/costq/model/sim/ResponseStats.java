package io.costq.model.sim;

import java.util.Arrays;

/**
 * Collects response times (arrival to completion), waits (arrival to start) and slowdowns (response / stand-alone
 * cost) of the jobs that arrive at or after the warm-up, each node's CPU utilization from the warm-up on, and a
 * lower bound of the mean response (every job alone on the fastest node, never waiting for a core), and the core
 * time left idle while jobs waited in the shared queue. Response figures are the interactive jobs'; batch-lane jobs
 * (all of them, warm-up or not) are counted apart ({@link BatchOutcome}), their CPU in the utilization.
 */
final class ResponseStats implements SimListener {
    private final double warmupMs;
    private final int cores;
    /** A job's shortest possible response per ms of cost: its CPU part on the fastest node, plus its wait. */
    private final double floorPerCostMs;
    private double floorSum;
    private double[] responses = new double[1 << 16];
    private int count;
    private double waitSum;
    private double slowdownSum;
    private long over60s;
    private final double[] busyCoreMs;
    private final double[] lastChangeMs;
    private final int[] busyCores;
    private double endMs;
    /** Cores idle while jobs waited in a shared queue (pull dispatchers only: a push balancer has none). */
    private final int[] cpuTasks;
    private int idleCores;
    private boolean sawQueue;
    private boolean queued;
    private double wastedSinceMs;
    private double wastedCoreMs;

    ResponseStats(double warmupMs, ClusterConfig config) {
        this.warmupMs = warmupMs;
        this.cores = config.cores();
        double fastest = java.util.Arrays.stream(config.speeds()).max().orElse(1);
        this.floorPerCostMs = (1 - config.ioFrac()) / fastest + config.ioFrac();
        int nodes = config.nodes();
        this.busyCoreMs = new double[nodes];
        this.lastChangeMs = new double[nodes];
        this.busyCores = new int[nodes];
        this.cpuTasks = new int[nodes];
        this.idleCores = nodes * cores;
        this.wastedSinceMs = warmupMs;
        Arrays.fill(lastChangeMs, warmupMs);
    }

    private long batchFinished;
    private double batchSum;
    private double batchMax;
    private double batchLastEnd;

    private boolean counted(SimJob job) {
        return job.trace.arrivalMs() >= warmupMs && !job.trace.batch();
    }

    @Override
    public void jobStarted(SimJob job, double nowMs) {
        if (counted(job)) waitSum += nowMs - job.trace.arrivalMs();
    }

    @Override
    public void jobFinished(SimJob job, double nowMs) {
        endMs = Math.max(endMs, nowMs);
        if (job.trace.batch()) {
            double r = nowMs - job.trace.arrivalMs();
            batchFinished++;
            batchSum += r;
            batchMax = Math.max(batchMax, r);
            batchLastEnd = Math.max(batchLastEnd, nowMs);
        }
        if (!counted(job)) return;
        double response = nowMs - job.trace.arrivalMs();
        if (count == responses.length) responses = Arrays.copyOf(responses, count * 2);
        responses[count++] = response;
        slowdownSum += response / job.trace.costMs();
        floorSum += job.trace.costMs() * floorPerCostMs;
        if (response > 60_000) over60s++;
    }

    @Override
    public void nodeLoad(int node, double nowMs, int cpuTasks, int running) {
        if (nowMs > warmupMs) busyCoreMs[node] += busyCores[node] * (nowMs - Math.max(lastChangeMs[node], warmupMs));
        lastChangeMs[node] = Math.max(nowMs, warmupMs);
        busyCores[node] = Math.min(cores, cpuTasks);
        accrueWaste(nowMs);
        idleCores += Math.max(0, cores - cpuTasks) - Math.max(0, cores - this.cpuTasks[node]);
        this.cpuTasks[node] = cpuTasks;
    }

    @Override
    public void queueWaiting(double nowMs, boolean waiting) {
        accrueWaste(nowMs);
        queued = waiting;
        sawQueue = true;
    }

    private void accrueWaste(double nowMs) {
        if (nowMs <= wastedSinceMs) return;
        if (queued) wastedCoreMs += idleCores * (nowMs - wastedSinceMs);
        wastedSinceMs = nowMs;
    }

    SimResult result(String policy) {
        double[] sorted = Arrays.copyOf(responses, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (double r : sorted) sum += r;
        double span = endMs - warmupMs;
        double[] utilization = new double[busyCoreMs.length];
        for (int i = 0; i < utilization.length; i++) {
            double busy = busyCoreMs[i] + busyCores[i] * Math.max(0, endMs - Math.max(lastChangeMs[i], warmupMs));
            utilization[i] = span > 0 ? busy / (cores * span) : 0;
        }
        return new SimResult(policy, count, count == 0 ? 0 : sum / count, Percentiles.nearestRank(sorted, 0.50),
                Percentiles.nearestRank(sorted, 0.95), Percentiles.nearestRank(sorted, 0.99), count == 0 ? 0 : sorted[count - 1],
                count == 0 ? 0 : slowdownSum / count,
                count == 0 ? 0 : (double) over60s / count, count == 0 ? 0 : waitSum / count, utilization,
                count == 0 ? 0 : floorSum / count, !sawQueue ? Double.NaN : span > 0 ? wastedCoreMs / (busyCoreMs.length * cores * span) : 0,
                batchFinished == 0 ? BatchOutcome.NONE
                        : new BatchOutcome(batchFinished, batchSum / batchFinished, batchMax, batchLastEnd));
    }
}
