package io.costq.model;

import java.util.List;

/**
 * Estimates a job's run time from the durations of its user's previous runs: the weighted mean of the newest
 * {@code window} runs (by default weights 10, 9, ... 1, newest heaviest, as in the BT case). A user without history
 * gets the prior of the job's type, else the median of recent estimates, else the default prior.
 */
public final class CostEstimator {
    private final EstimatorSettings settings;

    public CostEstimator(EstimatorSettings settings) {
        this.settings = settings;
    }

    public EstimatorSettings settings() {
        return settings;
    }

    /**
     * @param type               the job's type, for the cold-start prior
     * @param historyNewestFirst run durations in ms, newest first; entries past the window are ignored
     * @param recent             recent estimates, for the cold-start median; may be null
     */
    public Estimate estimate(String type, List<Long> historyNewestFirst, RecentEstimates recent) {
        if (historyNewestFirst != null && !historyNewestFirst.isEmpty()) {
            return new Estimate(weightedMean(historyNewestFirst), Estimate.Source.HISTORY);
        }
        Long prior = type == null ? null : settings.typePriorsMs().get(type);
        if (prior != null) return new Estimate(prior, Estimate.Source.TYPE_PRIOR);
        if (recent != null && recent.size() > 0) return new Estimate(recent.median(), Estimate.Source.RECENT_MEDIAN);
        return new Estimate(settings.defaultPriorMs(), Estimate.Source.DEFAULT_PRIOR);
    }

    /** The weighted mean of the history's newest {@code window} entries, rounded down; 0 for an empty history. */
    public long weightedMean(List<Long> historyNewestFirst) {
        int n = Math.min(historyNewestFirst.size(), settings.window());
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < n; i++) {
            double w = settings.weight(i);
            sum += w * historyNewestFirst.get(i);
            weights += w;
        }
        return weights == 0 ? 0 : (long) Math.floor(sum / weights);
    }
}
