package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.redis.Keys;
import io.costq.core.redis.Partitions;
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
    private final List<Keys> keys;
    private final CostEstimator estimator;
    private final CostClassifier classifier;
    private final int recentCap;
    private volatile RecentEstimates recent = RecentEstimates.EMPTY;
    private volatile ClassBounds bounds;

    public Classification(RedissonClient redis, Keys keys, CostqSettings settings) {
        this(redis, List.of(keys), settings);
    }

    /** Draws on the recent estimates of every partition. */
    public Classification(RedissonClient redis, Partitions partitions, CostqSettings settings) {
        this(redis, partitions.all(), settings);
    }

    private Classification(RedissonClient redis, List<Keys> keys, CostqSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.estimator = new CostEstimator(settings.estimator());
        this.classifier = new CostClassifier(settings.classifier());
        this.recentCap = settings.jobs().recentEstimatesCap();
        this.bounds = classifier.fixedBounds();
    }

    public void refresh() {
        List<Long> sample = new java.util.ArrayList<>();
        // each partition samples its own submits: together they are the scheduler's sample, capped as one
        int each = Math.max(1, (recentCap + keys.size() - 1) / keys.size());
        for (Keys k : keys) {
            List<String> raw = redis.<String>getList(k.recentEstimates(), StringCodec.INSTANCE).range(0, each - 1);
            for (String v : raw) sample.add(Long.parseLong(v));
        }
        recent = RecentEstimates.of(sample.size() > recentCap ? sample.subList(0, recentCap) : sample);
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
