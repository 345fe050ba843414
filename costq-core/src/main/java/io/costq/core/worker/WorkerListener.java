package io.costq.core.worker;

import io.costq.core.redis.ClaimedJob;

/** What a worker reports, so metrics stay out of the engine (and the simulator can emit the same events). */
public interface WorkerListener {
    default void claimed(ClaimedJob job, long waitedMs) {
    }

    default void finished(ClaimedJob job, String outcome, long runMs) {
    }

    default void leaseRenewals(int renewed, long tookMs) {
    }

    default void leaseLost(String jobId) {
    }

    default void staleCompletion(String jobId) {
    }

    default void claimRaceLost() {
    }

    WorkerListener NONE = new WorkerListener() {
    };
}
