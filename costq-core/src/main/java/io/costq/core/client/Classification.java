package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.redis.Keys;
import io.costq.model.ClassBounds;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.Estimate;
import io.costq.model.RecentEstimates;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The estimator and classifier in force, with the sample of recent estimates they draw on (cold-start median,
 * adaptive bounds). {@link #refresh()} re-reads that sample from Redis; call it on a schedule, not per job.
 */
public final class Classification {
    private final RedissonClient redis;
    private final Keys keys;
    private final CostEstimator estimator;
    private final CostClassifier classifier;
    private final int recentCap;
    private volatile RecentEstimates recent = RecentEstimates.EMPTY;
    private volatile ClassBounds bounds;

    public Classification(RedissonClient redis, Keys keys, CostqSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.estimator = new CostEstimator(settings.estimator());
        this.classifier = new CostClassifier(settings.classifier());
        this.recentCap = settings.jobs().recentEstimatesCap();
        this.bounds = classifier.fixedBounds();
    }

    public void refresh() {
        List<String> raw = redis.<String>getList(keys.recentEstimates(), StringCodec.INSTANCE).range(0, recentCap - 1);
        recent = RecentEstimates.of(raw.stream().map(Long::parseLong).toList());
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
