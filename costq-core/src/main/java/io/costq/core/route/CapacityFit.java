package io.costq.core.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Learns a server's capacity from what it reports: samples of (load, utilization), where load is its live
 * sessions plus its reported load and utilization is CPU or any indicator scaled so that 1.0 is saturated. Fits
 * utilization = intercept + slope x load and answers the load at which utilization reaches 1.0.
 * <p>Robust to what real servers report: a Theil–Sen line (median of pairwise slopes, indifferent to up to ~29 %
 * outliers) picks the inliers (residual within 3 robust standard deviations, from the median absolute deviation),
 * then a least-squares fit ({@link SimpleRegression}) over the inliers gives the answer. No answer before the warm-up
 * ({@code minSamples} samples over at least 3 different loads), when the slope is not positive or not significant
 * (p &ge; 0.01), or when the server is saturated at no load. An answer never exceeds 4 x the largest load seen: the
 * line is extrapolated, so it is trusted only so far (as sessions grow, so does the bound).
 */
public final class CapacityFit {
    /** Samples kept per server: the fit follows a server that changes (an upgrade, a noisy neighbour). */
    public static final int WINDOW = 256;
    /** The least warm-up one may configure. */
    public static final int LEAST_SAMPLES = 10;
    static final double MAX_EXTRAPOLATION = 4.0;
    static final double SIGNIFICANCE = 0.01;
    private static final double MAD_TO_SIGMA = 1.4826;

    private CapacityFit() {
    }

    public record Sample(double load, double utilization) {
        /** Parses the stored form "load utilization". */
        static Sample parse(String s) {
            int space = s.indexOf(' ');
            return new Sample(Double.parseDouble(s.substring(0, space)), Double.parseDouble(s.substring(space + 1)));
        }
    }

    /**
     * A learned capacity and how it was found.
     *
     * @param capacity  load at which the fitted utilization reaches 1.0 (bounded as above)
     * @param slope     utilization per unit of load
     * @param intercept utilization at no load
     * @param r2        coefficient of determination of the inliers' fit
     * @param samples   samples considered; inliers: those the fit used
     */
    public record Fit(long capacity, double slope, double intercept, double r2, int samples, int inliers, long atMs) {
    }

    public static Optional<Fit> fit(List<Sample> samples, int minSamples, long nowMs) {
        int n = samples.size();
        if (n < minSamples || samples.stream().mapToDouble(Sample::load).distinct().limit(3).count() < 3) return Optional.empty();
        double slope = theilSenSlope(samples);
        double[] offsets = samples.stream().mapToDouble(s -> s.utilization() - slope * s.load()).toArray();
        double intercept = median(offsets);
        double[] residuals = Arrays.stream(offsets).map(o -> o - intercept).toArray();
        double center = median(residuals);
        double mad = median(Arrays.stream(residuals).map(r -> Math.abs(r - center)).toArray());
        double limit = Math.max(3 * MAD_TO_SIGMA * mad, 1e-9);
        SimpleRegression ols = new SimpleRegression();
        List<Sample> inliers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Math.abs(residuals[i] - center) <= limit) {
                inliers.add(samples.get(i));
                ols.addData(samples.get(i).load(), samples.get(i).utilization());
            }
        }
        if (inliers.size() < Math.max(LEAST_SAMPLES, minSamples / 2)) return Optional.empty();
        double b = ols.getSlope();
        double a = ols.getIntercept();
        double p = ols.getSignificance();
        if (!(b > 0) || !(p < SIGNIFICANCE || ols.getRSquare() == 1.0) || !(a < 1)) return Optional.empty();
        double maxLoad = samples.stream().mapToDouble(Sample::load).max().orElse(0);
        double capacity = Math.min((1 - a) / b, MAX_EXTRAPOLATION * maxLoad);
        if (!(capacity >= 1)) return Optional.empty();
        return Optional.of(new Fit((long) Math.floor(capacity), b, a, ols.getRSquare(), n, inliers.size(), nowMs));
    }

    /** The median slope over all pairs of samples at different loads: O(n^2), n <= {@link #WINDOW}. */
    static double theilSenSlope(List<Sample> s) {
        double[] slopes = new double[s.size() * (s.size() - 1) / 2];
        int k = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                double dx = s.get(j).load() - s.get(i).load();
                if (dx != 0) slopes[k++] = (s.get(j).utilization() - s.get(i).utilization()) / dx;
            }
        }
        return median(Arrays.copyOf(slopes, k));
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
