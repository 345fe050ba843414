package io.costq.worker;

import io.costq.core.redis.ClaimedJob;
import io.costq.core.worker.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Turns the engine's events into {@code costq_*} Micrometer meters, tagged by class, type and outcome only. */
@Singleton
public class WorkerMetrics implements WorkerListener {
    private final MeterRegistry registry;
    private final Counter leaseLost;
    private final Counter stale;
    private final Counter races;
    private final Counter renewals;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.leaseLost = Counter.builder("costq_lease_lost").description("jobs whose lease this node lost").register(registry);
        this.stale = Counter.builder("costq_stale_completions").description("completions rejected for a stale fencing token").register(registry);
        this.races = Counter.builder("costq_claim_races_lost").description("claims that found the queue already taken").register(registry);
        this.renewals = Counter.builder("costq_lease_renewals").description("leases renewed").register(registry);
    }

    @Override
    public void claimed(ClaimedJob job, long waitedMs) {
        Timer.builder("costq_wait").description("time from queued to claimed").tag("class", String.valueOf(job.costClass()))
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(waitedMs));
    }

    @Override
    public void finished(ClaimedJob job, String outcome, long runMs) {
        Counter.builder("costq_jobs_finished").tag("outcome", outcome).tag("type", job.type()).register(registry).increment();
        Timer.builder("costq_run").description("run time of a job on this node").tag("class", String.valueOf(job.costClass()))
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(runMs));
        if (job.estimateMs() > 0) {
            registry.summary("costq_estimate_ratio", "class", String.valueOf(job.costClass()))
                    .record((double) runMs / job.estimateMs());
        }
    }

    @Override
    public void leaseRenewals(int renewed, long tookMs) {
        renewals.increment(renewed);
    }

    @Override
    public void leaseLost(String jobId) {
        leaseLost.increment();
    }

    @Override
    public void staleCompletion(String jobId) {
        stale.increment();
    }

    @Override
    public void claimRaceLost() {
        races.increment();
    }
}
