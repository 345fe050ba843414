package io.costq.model.sim;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The users of a trace: Zipf popularity (user 0 most popular) and a bounded-Pareto mean cost per user, drawn once
 * from its own stream.
 */
final class UserPopulation {
    private final double[] cumulative;
    private final double[] meanMs;

    UserPopulation(TraceSpec spec, RandomGenerator meansStream) {
        int n = spec.users();
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, spec.zipfS());
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) cumulative[i] /= sum;
        meanMs = new double[n];
        for (int i = 0; i < n; i++) meanMs[i] = boundedPareto(meansStream.nextDouble(), spec);
    }

    /** Inverse CDF of the Pareto distribution truncated to [L, H]. */
    static double boundedPareto(double u, TraceSpec spec) {
        double l = spec.minCostMs();
        double h = spec.maxCostMs();
        double a = spec.alpha();
        double ratio = Math.pow(l / h, a);
        return l / Math.pow(1 - u * (1 - ratio), 1 / a);
    }

    int pick(RandomGenerator choiceStream) {
        double u = choiceStream.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    double meanMs(int user) {
        return meanMs[user];
    }

    /** The popularity-weighted mean cost, i.e. the expected cost of the next job (the noise has mean 1). */
    double expectedCostMs() {
        double e = 0;
        double previous = 0;
        for (int i = 0; i < meanMs.length; i++) {
            e += (cumulative[i] - previous) * meanMs[i];
            previous = cumulative[i];
        }
        return e;
    }
}
