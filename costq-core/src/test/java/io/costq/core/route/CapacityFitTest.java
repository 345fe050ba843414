package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The capacity fit on its own: seeded samples of a server whose utilization rises linearly with its load. */
class CapacityFitTest {
    private static final long NOW = 1_700_000_000_000L;
    private final SplittableRandom random = new SplittableRandom(19);

    /** utilization = idle + (1 - idle) x load / capacity, with gaussian noise; loads drawn in 0..maxLoad. */
    private List<CapacityFit.Sample> linear(int n, double capacity, double idle, double noise, int maxLoad) {
        List<CapacityFit.Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int load = random.nextInt(maxLoad + 1);
            out.add(new CapacityFit.Sample(load, idle + (1 - idle) * load / capacity + noise * gaussian()));
        }
        return out;
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void findsTheLoadAtWhichUtilizationReachesOne() {
        CapacityFit.Fit fit = CapacityFit.fit(linear(60, 2_000, 0.05, 0.01, 800), 30, NOW).orElseThrow();
        assertThat(fit.capacity()).isBetween(1_900L, 2_100L);
        assertThat(fit.intercept()).isBetween(0.03, 0.07);
        assertThat(fit.r2()).isGreaterThan(0.9);
        assertThat(fit.atMs()).isEqualTo(NOW);
    }

    @Test
    void outliersDoNotMoveIt() {
        List<CapacityFit.Sample> samples = linear(80, 100, 0.05, 0.01, 40);
        // a fifth of the reports are spikes at low load (start-up compilation, a backup) unrelated to the sessions
        for (int i = 0; i < 16; i++) samples.set(i * 5, new CapacityFit.Sample(random.nextInt(11), 0.8 + 0.2 * random.nextDouble()));
        CapacityFit.Fit fit = CapacityFit.fit(samples, 30, NOW).orElseThrow();
        assertThat(fit.capacity()).isBetween(95L, 105L);
        assertThat(fit.inliers()).isLessThanOrEqualTo(64);
        // plain least squares over every sample would be far off
        var ols = new org.apache.commons.math3.stat.regression.SimpleRegression();
        samples.forEach(s -> ols.addData(s.load(), s.utilization()));
        double naive = (1 - ols.getIntercept()) / ols.getSlope();
        assertThat(naive < 90 || naive > 110).as("least squares over all: %s", naive).isTrue();
    }

    @Test
    void noAnswerBeforeTheWarmUpOrWithoutSpread() {
        assertThat(CapacityFit.fit(linear(29, 100, 0.05, 0.01, 40), 30, NOW)).isEmpty();
        List<CapacityFit.Sample> twoLoads = new ArrayList<>();
        for (int i = 0; i < 40; i++) twoLoads.add(new CapacityFit.Sample(i % 2 == 0 ? 10 : 20, i % 2 == 0 ? 0.15 : 0.25));
        assertThat(CapacityFit.fit(twoLoads, 30, NOW)).isEmpty();
    }

    @Test
    void noAnswerWhenUtilizationDoesNotRiseWithLoad() {
        assertThat(CapacityFit.fit(linear(60, -100, 0.9, 0.01, 40), 30, NOW)).as("falling").isEmpty();
        List<CapacityFit.Sample> flat = new ArrayList<>();
        for (int i = 0; i < 60; i++) flat.add(new CapacityFit.Sample(random.nextInt(41), 0.3 + 0.05 * gaussian()));
        assertThat(CapacityFit.fit(flat, 30, NOW)).as("unrelated to load").isEmpty();
        assertThat(CapacityFit.fit(linear(60, 100, 1.2, 0.01, 40), 30, NOW)).as("saturated at no load").isEmpty();
    }

    @Test
    void neverTrustsTheLineBeyondFourTimesTheLargestLoadSeen() {
        List<CapacityFit.Sample> samples = linear(60, 10_000, 0.05, 0.001, 100);
        double largest = samples.stream().mapToDouble(CapacityFit.Sample::load).max().orElseThrow();
        assertThat(CapacityFit.fit(samples, 30, NOW).orElseThrow().capacity()).isEqualTo((long) (4 * largest));
    }

    @Test
    void storedSamplesParse() {
        assertThat(CapacityFit.Sample.parse("40 0.43")).isEqualTo(new CapacityFit.Sample(40, 0.43));
    }
}
