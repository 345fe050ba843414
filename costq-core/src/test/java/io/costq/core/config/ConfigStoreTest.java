package io.costq.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.store.Keys;
import io.costq.core.store.ScriptExecutor;
import io.costq.core.testing.TestRedis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Compare-and-set, history and change notices of the live config, against a real redis-server. */
class ConfigStoreTest {
    private final RedissonClient redis = TestRedis.client();
    private final Keys keys = new Keys(TestRedis.freshPrefix(), 0);
    private final SetConfig set = new SetConfig(new ScriptExecutor(redis), keys);
    private final ReadConfig read = new ReadConfig(new ScriptExecutor(redis), keys);

    @Test
    void changesAreVersionedComparedAndSetAndAudited() {
        assertThat(read.run()).isEqualTo(ConfigSnapshot.INITIAL);
        var first = set.run(0, "ops", 1_000, List.of(new ConfigChange("costq.policy.cpu-threshold", "0.95", "0.9")));
        assertThat(first).isEqualTo(new SetConfig.Outcome.Applied(1));
        // a writer that read version 0 loses: nothing is written
        var stale = set.run(0, "other", 2_000, List.of(new ConfigChange("costq.policy.cpu-threshold", "0.95", "0.5")));
        assertThat(stale).isEqualTo(new SetConfig.Outcome.Conflict(1));
        set.run(1, "ops", 3_000, List.of(new ConfigChange("costq.policy.cpu-threshold", "0.9", null),
                new ConfigChange("costq.estimator.window", "10", "5")));
        ConfigSnapshot now = read.run();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.overrides()).containsExactly(java.util.Map.entry("costq.estimator.window", "5"));
        List<ConfigHistoryEntry> history = new ConfigHistory(redis, keys).newest(10);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).version()).isEqualTo(2);
        assertThat(history.get(0).changes()).containsExactly(new ConfigChange("costq.policy.cpu-threshold", "0.9", null),
                new ConfigChange("costq.estimator.window", "10", "5"));
        assertThat(history.get(1)).isEqualTo(new ConfigHistoryEntry(1, "ops", 1_000,
                List.of(new ConfigChange("costq.policy.cpu-threshold", "0.95", "0.9"))));
    }

    @Test
    void theWatcherHandsOverEachNewVersionPromptly() throws Exception {
        List<ConfigSnapshot> applied = new CopyOnWriteArrayList<>();
        set.run(-1, "ops", 1, List.of(new ConfigChange("costq.lease.lease-ms", "30000", "20000")));
        try (ConfigWatcher watcher = new ConfigWatcher(redis, keys, 60_000, applied::add)) {
            watcher.start(); // applies what is already there before returning
            assertThat(applied).extracting(ConfigSnapshot::version).containsExactly(1L);
            long started = System.nanoTime();
            set.run(-1, "ops", 2, List.of(new ConfigChange("costq.lease.lease-ms", "20000", "10000")));
            while (applied.size() < 2 && System.nanoTime() - started < 2_000_000_000L) Thread.sleep(5);
            // the poll runs once a minute here, so the published notice did it
            assertThat(applied).extracting(ConfigSnapshot::version).containsExactly(1L, 2L);
            assertThat(applied.get(1).overrides()).containsEntry("costq.lease.lease-ms", "10000");
            assertThat(watcher.checkOnce()).isFalse();
        }
    }
}
