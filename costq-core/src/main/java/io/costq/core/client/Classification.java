package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.model.ClassBounds;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.Estimate;
import io.costq.model.RecentEstimates;
import java.util.List;

/**
 * The estimator and classifier in force, with the sample of recent estimates they draw on (cold-start median,
 * adaptive bounds). {@link #refresh} takes a new sample (the client reads it from the store on a schedule, not per
 * job); everything else is a pure function.
 */
public final class Classification {
    private final CostEstimator estimator;
    private final CostClassifier classifier;
    private volatile RecentEstimates recent = RecentEstimates.EMPTY;
    private volatile ClassBounds bounds;

    public Classification(CostqSettings settings) {
        this.estimator = new CostEstimator(settings.estimator());
        this.classifier = new CostClassifier(settings.classifier());
        this.bounds = classifier.fixedBounds();
    }

    /** @param sample the recent estimates, newest first */
    public void refresh(List<Long> sample) {
        recent = RecentEstimates.of(sample);
        bounds = classifier.bounds(recent);
    }

    public Estimate estimate(String type, List<Long> historyNewestFirst) {
        return estimator.estimate(type, historyNewestFirst, recent);
    }

    public ClassBounds bounds() {
        return bounds;
    }

    public int historyWindow() {
        return estimator.settings().window();
    }
}
