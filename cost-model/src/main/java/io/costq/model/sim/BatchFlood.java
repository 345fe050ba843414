package io.costq.model.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A batch export flooding the fleet (issue 18): {@code jobs} batch-lane jobs of one user, submitted evenly over
 * {@code spreadMs} from {@code startMs}, each costing {@code meanCostMs} × lognormal noise (sigma 0.25, mean 1),
 * drawn from their own random stream so the logins of a seed stay the same with or without the flood.
 *
 * @param startMs    when the export starts submitting, ms from the trace's start
 * @param spreadMs   over how long it submits
 * @param jobs       how many jobs
 * @param meanCostMs each job's mean stand-alone cost (downstream wait included)
 */
public record BatchFlood(long startMs, long spreadMs, int jobs, double meanCostMs) {
    /** The export's user id: far from the generator's 0..users-1. */
    static final int USER = 1_000_000_000;
    private static final double SIGMA = 0.25;

    public BatchFlood {
        if (startMs < 0 || spreadMs < 0 || jobs < 1 || !(meanCostMs >= 1)) throw new IllegalArgumentException("bad batch flood");
    }

    /** The logins and the export, by arrival (a login first at equal times). */
    List<TraceJob> mergeInto(List<TraceJob> logins, long seed) {
        RandomGenerator noise = RandomStreams.stream(seed, RandomStreams.Source.BATCH);
        List<TraceJob> all = new ArrayList<>(logins.size() + jobs);
        all.addAll(logins);
        double mu = -SIGMA * SIGMA / 2;
        for (int i = 0; i < jobs; i++) {
            double u1 = 1 - noise.nextDouble();
            double u2 = noise.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            long cost = Math.max(1, Math.round(meanCostMs * Math.exp(mu + SIGMA * z)));
            all.add(new TraceJob(startMs + spreadMs * i / jobs, USER, cost, Lane.BATCH));
        }
        all.sort(Comparator.comparingLong(TraceJob::arrivalMs).thenComparing(TraceJob::batch)); // stable: logins keep their order
        return all;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d batch jobs of ~%.1f s submitted over %.0f s from minute %.0f", jobs,
                meanCostMs / 1000, spreadMs / 1000.0, startMs / 60_000.0);
    }
}
