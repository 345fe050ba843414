package io.costq.api;

import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.config.ConfigChange;
import io.costq.core.config.ConfigHistory;
import io.costq.core.config.ConfigHistoryEntry;
import io.costq.core.config.ConfigSnapshot;
import io.costq.core.config.ReadConfig;
import io.costq.core.config.SetConfig;
import io.costq.model.Clock;
import io.costq.quarkus.LiveSettings;
import io.costq.quarkus.SettingsFactory;
import jakarta.annotation.PostConstruct;
import io.costq.quarkus.LiveConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Changes the live config: merges the operator's changes into the current overrides, validates the result by
 * building the full settings exactly as at start-up, and stores it with a compare-and-set on the version (plus an
 * audit entry with the effective old and new values) in one Lua step.
 */
@Singleton
public class ConfigService {
    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    org.redisson.api.RedissonClient redis;
    @Inject
    CostqClient client;
    @Inject
    LiveConfig live;
    @Inject
    Clock clock;

    private ReadConfig read;
    private SetConfig set;
    private ConfigHistory history;

    @PostConstruct
    void init() {
        var scripts = new io.costq.core.store.ScriptExecutor(redis);
        read = new ReadConfig(scripts, client.keys());
        set = new SetConfig(scripts, client.keys());
        history = new ConfigHistory(redis, client.keys());
    }

    /** Thrown when the caller's expected version is no longer current. */
    public static final class VersionConflict extends RuntimeException {
        final long current;

        VersionConflict(long expected, long current) {
            super("config version is " + current + ", not the expected " + expected + "; read it again and retry");
            this.current = current;
        }
    }

    public record Result(long version, List<ConfigChange> changes) {
    }

    /**
     * @param changes         key to new value; a null value puts the key back to its start-up value
     * @param expectedVersion null: apply on top of whatever is current (retried on a concurrent change)
     */
    public Result set(Map<String, String> changes, Long expectedVersion, String who) {
        if (changes == null || changes.isEmpty()) throw new InvalidInputException("set", "set must name at least one key");
        for (int attempt = 0; ; attempt++) {
            ConfigSnapshot now = read.run();
            if (expectedVersion != null && expectedVersion != now.version()) throw new VersionConflict(expectedVersion, now.version());
            Map<String, String> next = new TreeMap<>(now.overrides());
            changes.forEach((k, v) -> {
                if (v == null) next.remove(k); else next.put(k, v.trim());
            });
            LiveSettings.resolve(next, changes.keySet()); // 400 naming the key unless the whole result is valid
            Map<String, String> before = LiveSettings.effective(SettingsFactory.withOverrides(now.overrides()));
            List<ConfigChange> diff = new ArrayList<>();
            for (String k : new java.util.TreeSet<>(changes.keySet())) {
                // a null new value means "back to the start-up value"
                diff.add(new ConfigChange(k, before.get(k), next.get(k)));
            }
            SetConfig.Outcome out = set.run(now.version(), who, clock.millis(), diff);
            if (out instanceof SetConfig.Outcome.Applied a) {
                live.refresh();
                return new Result(a.version(), diff);
            }
            long current = ((SetConfig.Outcome.Conflict) out).currentVersion();
            if (expectedVersion != null || attempt >= 5) throw new VersionConflict(Objects.requireNonNullElse(expectedVersion, now.version()), current);
        }
    }

    public List<ConfigHistoryEntry> history(int limit) {
        return history.newest(limit);
    }

    /** Every live key's effective value on this instance. */
    public Map<String, String> effective(Map<String, String> overrides) {
        return new LinkedHashMap<>(LiveSettings.effective(SettingsFactory.withOverrides(overrides)));
    }
}
