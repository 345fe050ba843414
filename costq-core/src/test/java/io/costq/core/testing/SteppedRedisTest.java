package io.costq.core.testing;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.redis.Keys;
import io.costq.core.types.JobTypes;
import io.costq.model.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RedissonClient;

/**
 * For tests that drive the Lua transitions directly: the run's real redis-server, a fresh key prefix per test with
 * default settings, a client on it, and a clock the test steps instead of sleeping.
 */
public abstract class SteppedRedisTest {
    /** A new user's jobs get the default prior (2 s), which the seed bounds put in class 1. */
    protected static final int PRIOR_CLASS = 1;

    protected final RedissonClient redis = TestRedis.client();
    protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
    protected CostqSettings settings;
    protected Keys keys;
    protected CostqClient client;

    @BeforeEach
    void openClient() {
        settings = CostqSettings.defaults(TestRedis.freshPrefix());
        keys = new Keys(settings.keyPrefix(), 0);
        client = new CostqClient(redis, settings, JobTypes.builtIns(), clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
