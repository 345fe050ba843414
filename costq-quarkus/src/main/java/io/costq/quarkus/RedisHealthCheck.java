package io.costq.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.redisson.api.RedissonClient;

/** Ready only while Redis answers. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {
    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    RedissonClient redis;

    @Override
    public HealthCheckResponse call() {
        try {
            long started = System.nanoTime();
            redis.getKeys().count();
            return HealthCheckResponse.named("redis").up()
                    .withData("pingMicros", (System.nanoTime() - started) / 1_000).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
