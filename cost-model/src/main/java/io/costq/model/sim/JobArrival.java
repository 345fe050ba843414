package io.costq.model.sim;

import java.util.Iterator;

/** The next job of the trace arrives; it schedules its successor, so only one arrival is pending at a time. */
final class JobArrival extends Event {
    private final TraceJob job;
    private final Iterator<TraceJob> rest;
    private final Cluster cluster;

    JobArrival(TraceJob job, Iterator<TraceJob> rest, Cluster cluster) {
        super(job.arrivalMs(), ARRIVAL);
        this.job = job;
        this.rest = rest;
        this.cluster = cluster;
    }

    static void scheduleNext(Simulation sim, Iterator<TraceJob> trace, Cluster cluster) {
        if (trace.hasNext()) sim.schedule(new JobArrival(trace.next(), trace, cluster));
    }

    @Override
    void fire(Simulation sim) {
        cluster.arrive(job);
        scheduleNext(sim, rest, cluster);
    }
}
