package io.costq.worker;

import io.costq.quarkus.worker.WorkerLifecycle;

import io.costq.core.job.ClaimedJob;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerEngine;
import io.costq.model.NodeSnapshot;
import io.costq.model.RunningTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * Turns the engine's events into {@code costq_*} Micrometer meters, tagged by class, type and outcome only, and
 * exports the node's own view of itself ({@code costq_worker_*{node}}: CPU, running tasks, estimated remaining work)
 * at every scrape, finer than the heartbeat the API's {@code costq_node_*} gauges come from.
 */
@Singleton
public class WorkerMetrics implements WorkerListener {
    private static final double[] RATIO_BUCKETS = {0.25, 0.5, 0.8, 1.0, 1.25, 2.0, 4.0};
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

    /** After {@link WorkerLifecycle} started the engine (a later priority), so the node id is known. */
    void registerNodeGauges(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent ev,
                            Instance<WorkerLifecycle> lifecycle) {
        WorkerEngine engine = lifecycle.get().engine();
        if (engine != null) registerNodeGauges(engine);
    }

    /** Gauges read from the engine at scrape time; public so tests can bind an engine they run themselves. */
    public void registerNodeGauges(WorkerEngine engine) {
        gauge("costq_worker_cpu", engine, e -> snapshot(e).cpu(), null, "CPU load 0..1 the pick policy sees");
        gauge("costq_worker_running_tasks", engine, e -> e.runningCount(), null, "tasks running on this node");
        gauge("costq_worker_remaining_work", engine,
                e -> snapshot(e).running().stream().mapToLong(RunningTask::remainingMs).sum() / 1000.0, "seconds",
                "estimated remaining time of the running tasks, summed");
    }

    private void gauge(String name, WorkerEngine engine, ToDoubleFunction<WorkerEngine> value, String unit, String help) {
        Gauge.builder(name, engine, value).tag("node", engine.nodeId()).baseUnit(unit).description(help)
                .strongReference(true).register(registry);
    }

    private static NodeSnapshot snapshot(WorkerEngine e) {
        return e.nodeSnapshot(System.currentTimeMillis());
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
            // actual / estimate; the buckets bracket "within 20-25%" and "off by 2x, 4x" for the Estimates dashboard
            DistributionSummary.builder("costq_estimate_ratio").description("run time divided by the estimate")
                    .tag("class", String.valueOf(job.costClass())).serviceLevelObjectives(RATIO_BUCKETS)
                    .register(registry).record((double) runMs / job.estimateMs());
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
