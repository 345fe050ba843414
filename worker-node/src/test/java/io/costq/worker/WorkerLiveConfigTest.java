package io.costq.worker;

import io.costq.quarkus.worker.WorkerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.config.ConfigChange;
import io.costq.core.config.SetConfig;
import io.costq.core.store.Keys;
import io.costq.core.store.ScriptExecutor;
import io.costq.core.testing.TestRedis;
import io.costq.quarkus.LiveConfig;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A config change stored the way PUT /v1/config stores it reaches this worker node's pick policy within 2 s. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "quarkus-worker"),
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED")})
class WorkerLiveConfigTest {
    @Inject
    WorkerLifecycle lifecycle;
    @Inject
    LiveConfig live;

    @Test
    void thePickPolicyAndLeaseFollowTheLiveConfig() throws Exception {
        SetConfig set = new SetConfig(new ScriptExecutor(TestRedis.client()), new Keys(RedisTestResource.prefix(), 0));
        assertThat(lifecycle.engine().settings().policy().cpuThreshold()).isEqualTo(0.95);
        long started = System.nanoTime();
        set.run(-1, "test", System.currentTimeMillis(), List.of(new ConfigChange("costq.policy.cpu-threshold", "0.95", "0.6"),
                new ConfigChange("costq.lease.lease-ms", "30000", "18000")));
        long deadline = started + 2_000_000_000L;
        while (lifecycle.engine().settings().policy().cpuThreshold() != 0.6) {
            assertThat(System.nanoTime()).as("applied within 2 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        System.out.printf("config change reached the worker node in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(lifecycle.engine().settings().lease().leaseMs()).isEqualTo(18_000);
        while (live.version() <= 0) { // the version is recorded just after the engine took the settings
            assertThat(System.nanoTime()).as("version recorded within 2 s").isLessThan(deadline + 1_000_000_000L);
            Thread.sleep(10);
        }

        // a value this node cannot run is skipped: it keeps what it has
        var skipped = set.run(-1, "test", System.currentTimeMillis(), List.of(new ConfigChange("costq.classes.count", "4", "9")));
        long version = ((io.costq.core.config.SetConfig.Outcome.Applied) skipped).version();
        while (live.seenVersion() < version) { // looked at (and refused) by this node
            assertThat(System.nanoTime()).as("version seen within 2 s").isLessThan(deadline + 3_000_000_000L);
            Thread.sleep(10);
        }
        assertThat(lifecycle.engine().settings().classes()).isEqualTo(4);
        assertThat(live.version()).isLessThan(version);
        // its heartbeat says what it runs and what it refused, why
        lifecycle.engine().heartbeatOnce();
        var beat = TestRedis.client().<String, String>getMap(new Keys(RedisTestResource.prefix(), 0).node("quarkus-worker"),
                org.redisson.client.codec.StringCodec.INSTANCE).readAllMap();
        assertThat(beat).containsEntry("configVersion", String.valueOf(live.version()))
                .containsEntry("configRejectedVersion", String.valueOf(version));
        assertThat(beat.get("configRejectedReason")).contains("costq.classes");
        set.run(-1, "test", System.currentTimeMillis(), List.of(new ConfigChange("costq.classes.count", "9", null),
                new ConfigChange("costq.policy.cpu-threshold", "0.6", null), new ConfigChange("costq.lease.lease-ms", "18000", null)));
    }
}
