package io.costq.api.route;

import io.costq.model.Clock;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's clock in tests that step time over HTTP (leases, expiry): it moves only when the test says so. Selected
 * by {@link Profile}, so other tests keep the real clock.
 */
@Alternative
@Singleton
public class SteppedClock implements Clock {
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

    @Override
    public long millis() {
        return now.get();
    }

    public void advance(long ms) {
        now.addAndGet(ms);
    }

    /** The app under a stepped clock; pool {@code forex} allows 40 % (the seed's setting), {@code configured} 50 %. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SteppedClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("costq.route.allowed-load.forex", "0.4", "costq.route.allowed-load.configured", "0.5",
                    "costq.route.node-id", "api-stepped");
        }
    }
}
