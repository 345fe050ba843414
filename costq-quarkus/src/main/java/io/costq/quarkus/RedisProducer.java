package io.costq.quarkus;

import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.model.Clock;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * Produces costq's RedissonClient, qualified {@code @Identifier("costq")} so that an app's own RedissonClient (its
 * own producer, or the redisson-quarkus extension) does not clash with it, and the settings.
 */
@Singleton
public class RedisProducer {
    private static final Logger LOG = Logger.getLogger(RedisProducer.class);

    @Produces
    @Singleton
    @Identifier("costq")
    RedissonClient redisson(CostqConfig config) {
        var options = SettingsFactory.redis(config);
        if (options.mode() == io.costq.core.RedisOptions.Mode.SINGLE) {
            LOG.infof("connecting to Redis at %s", options.url().replaceAll("//[^@/]*@", "//***@"));
        } else {
            LOG.infof("connecting to %s", options.describe());
        }
        return RedisConnector.connect(options);
    }

    void close(@Disposes @Identifier("costq") RedissonClient client) {
        client.shutdown();
    }

    @Produces
    @Singleton
    CostqSettings settings(CostqConfig config) {
        CostqSettings s = SettingsFactory.settings(config);
        LOG.info(s.describe());
        return s;
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.SYSTEM;
    }
}
