package io.costq.core;

import io.costq.model.ClassifierSettings;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;

/**
 * Validated settings shared by the API and the worker nodes; the Quarkus apps build it from their
 * {@code @ConfigMapping} at the edge and log {@link #describe()} at start-up.
 */
public record CostqSettings(String keyPrefix, EstimatorSettings estimator, ClassifierSettings classifier,
                            PolicySettings policy, JobLimits jobs, LeaseSettings lease, RetrySettings retry,
                            DeliverySettings delivery, ClusterSettings cluster, LaneSettings lanes) {

    /** The default lanes ({@link LaneSettings#DEFAULT}). */
    public CostqSettings(String keyPrefix, EstimatorSettings estimator, ClassifierSettings classifier,
                         PolicySettings policy, JobLimits jobs, LeaseSettings lease, RetrySettings retry,
                         DeliverySettings delivery, ClusterSettings cluster) {
        this(keyPrefix, estimator, classifier, policy, jobs, lease, retry, delivery, cluster, LaneSettings.DEFAULT);
    }

    /** One partition, submits not waiting for replicas (a single Redis). */
    public CostqSettings(String keyPrefix, EstimatorSettings estimator, ClassifierSettings classifier,
                         PolicySettings policy, JobLimits jobs, LeaseSettings lease, RetrySettings retry,
                         DeliverySettings delivery) {
        this(keyPrefix, estimator, classifier, policy, jobs, lease, retry, delivery, ClusterSettings.SINGLE);
    }

    /** Without delivery channels, ack timeout 30 s. */
    public CostqSettings(String keyPrefix, EstimatorSettings estimator, ClassifierSettings classifier,
                         PolicySettings policy, JobLimits jobs, LeaseSettings lease, RetrySettings retry) {
        this(keyPrefix, estimator, classifier, policy, jobs, lease, retry, DeliverySettings.DEFAULT);
    }

    public static CostqSettings defaults(String keyPrefix) {
        return new CostqSettings(keyPrefix, EstimatorSettings.SEED, ClassifierSettings.SEED, PolicySettings.DEFAULT,
                JobLimits.DEFAULT, LeaseSettings.DEFAULT, RetrySettings.DEFAULT);
    }

    public CostqSettings withLease(LeaseSettings l) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, jobs, l, retry, delivery, cluster, lanes);
    }

    public CostqSettings withRetry(RetrySettings r) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, jobs, lease, r, delivery, cluster, lanes);
    }

    public CostqSettings withPolicy(PolicySettings p) {
        return new CostqSettings(keyPrefix, estimator, classifier, p, jobs, lease, retry, delivery, cluster, lanes);
    }

    public CostqSettings withJobs(JobLimits j) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, j, lease, retry, delivery, cluster, lanes);
    }

    public CostqSettings withDelivery(DeliverySettings d) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, jobs, lease, retry, d, cluster, lanes);
    }

    public CostqSettings withClassifier(ClassifierSettings c) {
        return new CostqSettings(keyPrefix, estimator, c, policy, jobs, lease, retry, delivery, cluster, lanes);
    }

    public CostqSettings withCluster(ClusterSettings c) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, jobs, lease, retry, delivery, c, lanes);
    }

    public CostqSettings withLanes(LaneSettings l) {
        return new CostqSettings(keyPrefix, estimator, classifier, policy, jobs, lease, retry, delivery, cluster, l);
    }

    public CostqSettings {
        if (delivery == null) delivery = DeliverySettings.DEFAULT;
        if (cluster == null) cluster = ClusterSettings.SINGLE;
        if (lanes == null) lanes = LaneSettings.DEFAULT;
    }

    public int partitions() {
        return cluster.partitions();
    }

    public int classes() {
        return classifier.classes();
    }

    public String describe() {
        return "costq settings: keys {" + keyPrefix + ":*}; " + estimator.describe() + "; " + classifier.describe()
                + "; " + policy.describe() + "; " + jobs.describe() + "; " + lease.describe() + "; " + retry.describe()
                + "; " + delivery.describe() + "; " + cluster.describe() + "; " + lanes.describe();
    }

    /**
     * @param payloadMaxBytes      largest accepted payload (serialised JSON)
     * @param defaultMaxAttempts   attempts per job unless the job says otherwise
     * @param defaultTimeoutMs     a run is interrupted after this unless the job says otherwise
     * @param retentionMs          finished jobs stay readable this long
     * @param idempotencyWindowMs  a repeated idempotency key returns the first job within this window
     * @param recentEstimatesCap   how many recent estimates feed the cold-start median and adaptive bounds
     */
    public record JobLimits(int payloadMaxBytes, int defaultMaxAttempts, long defaultTimeoutMs, long retentionMs,
                            long idempotencyWindowMs, int recentEstimatesCap) {
        public static final JobLimits DEFAULT = new JobLimits(64 * 1024, 3, 300_000, 86_400_000L, 86_400_000L, 1_000);

        public JobLimits {
            if (payloadMaxBytes < 2) throw new IllegalArgumentException("payloadMaxBytes must be >= 2");
            if (defaultMaxAttempts < 1) throw new IllegalArgumentException("defaultMaxAttempts must be >= 1");
            if (defaultTimeoutMs < 1) throw new IllegalArgumentException("defaultTimeoutMs must be >= 1");
            if (retentionMs < 1) throw new IllegalArgumentException("retentionMs must be >= 1");
            if (idempotencyWindowMs < 1) throw new IllegalArgumentException("idempotencyWindowMs must be >= 1");
            if (recentEstimatesCap < 1) throw new IllegalArgumentException("recentEstimatesCap must be >= 1");
        }

        String describe() {
            return "payload <= " + payloadMaxBytes + " B, " + defaultMaxAttempts + " attempts, timeout "
                    + defaultTimeoutMs + " ms, kept " + retentionMs + " ms";
        }
    }

    /**
     * @param leaseMs        how long a claim holds without renewal
     * @param renewEveryMs   how often a node renews its leases (well below leaseMs)
     * @param reapEveryMs    how often expired leases are looked for
     */
    public record LeaseSettings(long leaseMs, long renewEveryMs, long reapEveryMs) {
        public static final LeaseSettings DEFAULT = new LeaseSettings(30_000, 5_000, 1_000);

        public LeaseSettings {
            if (leaseMs < 100) throw new IllegalArgumentException("leaseMs must be >= 100");
            // two renewals may fail or be late before the lease (and the node's own 90 % self-fence) runs out
            if (renewEveryMs < 10 || renewEveryMs * 3 > leaseMs) {
                throw new IllegalArgumentException("renewEveryMs must be >= 10 and at most a third of leaseMs");
            }
            if (reapEveryMs < 10) throw new IllegalArgumentException("reapEveryMs must be >= 10");
        }

        String describe() {
            return "lease " + leaseMs + " ms renewed every " + renewEveryMs + " ms, reaped every " + reapEveryMs + " ms";
        }
    }

    /**
     * Exponential backoff with full jitter between attempts: a random delay in [base·2^(n-1)/2, base·2^(n-1)],
     * capped at maxMs.
     */
    public record RetrySettings(long baseMs, long maxMs) {
        public static final RetrySettings DEFAULT = new RetrySettings(1_000, 60_000);

        public RetrySettings {
            if (baseMs < 0 || maxMs < baseMs) throw new IllegalArgumentException("retry backoff needs 0 <= baseMs <= maxMs");
        }

        String describe() {
            return "retry backoff " + baseMs + ".." + maxMs + " ms with jitter";
        }
    }
}
