package io.costq.core.testing;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.store.JobStore;
import io.costq.core.store.Keys;
import io.costq.core.types.JobTypes;
import io.costq.model.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RedissonClient;

/**
 * For tests that drive the transitions directly: the run's real redis-server, a fresh key prefix per test with
 * default settings, a client and a job store on it, and a clock the test steps instead of sleeping.
 */
public abstract class SteppedRedisTest {
    /** A new user's jobs get the default prior (2 s), which the seed bounds put in class 1. */
    protected static final int PRIOR_CLASS = 1;

    protected final RedissonClient redis = TestRedis.client();
    protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
    protected CostqSettings settings;
    protected Keys keys;
    protected CostqClient client;
    protected JobStore store;
    private long channelVersion;

    @BeforeEach
    void openClient() {
        use(CostqSettings.defaults(TestRedis.freshPrefix()));
    }

    /** Switches the test to these settings: a new client and store on them. */
    protected void use(CostqSettings next) {
        if (client != null) client.close();
        settings = next;
        keys = new Keys(settings.keyPrefix(), 0);
        client = new CostqClient(redis, settings, JobTypes.builtIns(), clock);
        store = new JobStore(redis, settings);
        store.channels().put(++channelVersion, settings.delivery().channels().values()); // as a live config version does
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
