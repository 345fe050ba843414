package io.costq.model.sim;

import io.costq.model.ClassBounds;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.Estimate;
import io.costq.model.RecentEstimates;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tags jobs with the production {@link CostEstimator} and {@link CostClassifier}, from per-user histories filled by
 * the simulated completions. The duration recorded is the run time as the node measured it (start to finish on
 * that node, slow-downs from sharing, thrashing, a slow node and the downstream wait included), because that is
 * what a production worker can measure; the trace's stand-alone cost is never shown to the estimator.
 */
final class HistoryTagger implements JobTagger {
    private static final int RECENT_SAMPLE = 1_000;
    private static final double REFRESH_MS = 10_000;

    private final CostEstimator estimator;
    private final CostClassifier classifier;
    private final boolean classify;
    private final UserHistory history;
    private final Deque<Long> recentSample = new ArrayDeque<>();
    private RecentEstimates recent = RecentEstimates.EMPTY;
    private ClassBounds bounds;
    private double refreshedAtMs = Double.NEGATIVE_INFINITY;

    /** @param classify false puts every job in class 0 (one FIFO queue), still estimated */
    HistoryTagger(CostEstimator estimator, CostClassifier classifier, boolean classify) {
        this.estimator = estimator;
        this.classifier = classifier;
        this.classify = classify;
        this.history = new UserHistory(estimator.settings().window());
        this.bounds = classifier.fixedBounds();
    }

    int classes() {
        return classify ? classifier.settings().classes() : 1;
    }

    @Override
    public void tag(SimJob job, double nowMs) {
        if (nowMs - refreshedAtMs >= REFRESH_MS) { // the services refresh these on a schedule, not per job
            recent = RecentEstimates.of(recentSample);
            bounds = classifier.bounds(recent);
            refreshedAtMs = nowMs;
        }
        Estimate e = estimator.estimate(null, history.newestFirst(job.trace.user()), recent);
        job.estimateMs = e.ms();
        job.costClass = classify ? bounds.classify(e.ms()) : 0;
        recentSample.addLast(e.ms());
        if (recentSample.size() > RECENT_SAMPLE) recentSample.removeFirst();
    }

    @Override
    public void completed(SimJob job, double nowMs) {
        history.record(job.trace.user(), Math.max(1, Math.round(nowMs - job.startedMs)));
    }
}
