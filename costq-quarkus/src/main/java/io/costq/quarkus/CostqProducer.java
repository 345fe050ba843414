package io.costq.quarkus;

import io.costq.Costq;
import io.costq.core.CostqSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.redisson.api.RedissonClient;

/**
 * The plain-Java API as a bean: {@code @Inject Costq costq; costq.submit("report", user, payload)}. It uses costq's
 * own Redis client (qualified {@code @Identifier("costq")}, so it never clashes with an app's RedissonClient).
 */
@Singleton
public class CostqProducer {
    @Produces
    @Singleton
    Costq costq(@Identifier("costq") RedissonClient redis, CostqSettings settings) {
        return Costq.builder().redisson(redis).settings(settings).build();
    }

    void close(@Disposes Costq costq) {
        costq.close();
    }
}
