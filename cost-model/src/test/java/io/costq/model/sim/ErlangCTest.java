package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node model against queueing theory: exponential costs on one 8-core node, one FIFO queue pulled whenever a
 * core is free, is an M/M/8 queue; its mean wait must match Erlang C.
 */
class ErlangCTest {
    private static final int CORES = 8;
    private static final double MEAN_COST_MS = 1_000;
    private static final int JOBS = 2_000_000;
    private static final double WARMUP_MS = 20_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8})
    void meanWaitMatchesErlangC(double load) {
        Iterable<TraceJob> trace = poissonExponential(load, JOBS, 1);
        SimResult r = new Simulator(ClusterConfig.plain(1, CORES), WARMUP_MS).runFifoCoreFree(trace);

        double expected = erlangCMeanWaitMs(CORES, load, MEAN_COST_MS);
        assertThat(r.meanWaitMs()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(3));
        // and the node is busy exactly the offered share of the time
        assertThat(r.nodeUtilization()[0]).isCloseTo(load, org.assertj.core.data.Offset.offset(0.01));
    }

    /** Erlang C: P(wait) / (c·mu − lambda) for M/M/c with utilization rho and mean service time s. */
    static double erlangCMeanWaitMs(int c, double rho, double meanServiceMs) {
        double a = c * rho;
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term / (1 - rho); // a^c / c! * c / (c - a)
        double pWait = last / (sum + last);
        return pWait * meanServiceMs / (c * (1 - rho));
    }

    /** Poisson arrivals, exponential costs, drawn lazily so millions of jobs need no memory. */
    private static Iterable<TraceJob> poissonExponential(double load, int jobs, long seed) {
        return () -> new Iterator<>() {
            private final RandomGenerator arrivals = RandomStreams.stream(seed, RandomStreams.Source.ARRIVALS);
            private final RandomGenerator costs = RandomStreams.stream(seed, RandomStreams.Source.NOISE);
            private final double meanGapMs = MEAN_COST_MS / (load * CORES);
            private double t;
            private int drawn;

            @Override
            public boolean hasNext() {
                return drawn < jobs;
            }

            @Override
            public TraceJob next() {
                drawn++;
                t -= meanGapMs * Math.log(1 - arrivals.nextDouble());
                long cost = Math.max(1, Math.round(-MEAN_COST_MS * Math.log(1 - costs.nextDouble())));
                return new TraceJob(Math.round(t), 0, cost);
            }
        };
    }
}
