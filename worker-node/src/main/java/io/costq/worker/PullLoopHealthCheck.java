package io.costq.worker;

import io.costq.quarkus.worker.WorkerLifecycle;

import io.costq.core.worker.WorkerEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the pull loop runs (or when this process was configured not to pull). */
@Liveness
@ApplicationScoped
public class PullLoopHealthCheck implements HealthCheck {
    @Inject
    WorkerLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        WorkerEngine e = lifecycle.engine();
        if (e == null) return HealthCheckResponse.named("pull-loop").up().withData("pulling", false).build();
        return HealthCheckResponse.named("pull-loop").up().withData("node", e.nodeId())
                .withData("runningTasks", e.runningCount()).build();
    }
}
