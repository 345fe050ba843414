package io.costq.core.worker;

import io.costq.core.job.ClaimedJob;

/** What a worker reports, so metrics (and the execution log) stay out of the engine. */
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

    /** Both listeners, in order. */
    static WorkerListener both(WorkerListener a, WorkerListener b) {
        return new WorkerListener() {
            @Override
            public void claimed(ClaimedJob job, long waitedMs) {
                a.claimed(job, waitedMs);
                b.claimed(job, waitedMs);
            }

            @Override
            public void finished(ClaimedJob job, String outcome, long runMs) {
                a.finished(job, outcome, runMs);
                b.finished(job, outcome, runMs);
            }

            @Override
            public void leaseRenewals(int renewed, long tookMs) {
                a.leaseRenewals(renewed, tookMs);
                b.leaseRenewals(renewed, tookMs);
            }

            @Override
            public void leaseLost(String jobId) {
                a.leaseLost(jobId);
                b.leaseLost(jobId);
            }

            @Override
            public void staleCompletion(String jobId) {
                a.staleCompletion(jobId);
                b.staleCompletion(jobId);
            }

            @Override
            public void claimRaceLost() {
                a.claimRaceLost();
                b.claimRaceLost();
            }
        };
    }
}
