package io.costq.model.sim;

/**
 * One job's times in a simulated run, for a per-job comparison (the live replay's {@code --out}).
 *
 * @param index      the job's line in the trace (0 = first)
 * @param arrivalMs  when it arrived
 * @param startedMs  when a node took it
 * @param finishedMs when its run ended
 * @param node       the node that ran it
 */
public record JobTimes(long index, double arrivalMs, double startedMs, double finishedMs, int node) {
    public double waitMs() {
        return startedMs - arrivalMs;
    }

    public double runMs() {
        return finishedMs - startedMs;
    }
}
