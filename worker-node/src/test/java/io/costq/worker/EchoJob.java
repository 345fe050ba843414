package io.costq.worker;

import io.costq.JobContext;
import io.costq.JobHandler;
import io.costq.quarkus.CostqJob;
import io.costq.quarkus.CostqRecurring;

/** A handler bean, found by its annotation alone (no hand-wiring): doubles n. Its hourly schedule is put at start-up. */
@CostqJob("echo")
@CostqRecurring(name = "echo-hourly", cron = "0 0 * * * *", user = "ops")
public class EchoJob implements JobHandler<EchoJob.In, EchoJob.Out> {
    public record In(int n) {
    }

    public record Out(int doubled, String node) {
    }

    @Override
    public Out handle(In in, JobContext ctx) {
        return new Out(in.n() * 2, ctx.jobId());
    }
}
