package io.costq.core.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's live overrides ({@code costq.policy.cpu-threshold -> "0.9"}, ...) and their version. Version 0
 * with no overrides means every node runs on its start-up configuration.
 */
public record ConfigSnapshot(long version, Map<String, String> overrides) {
    public static final ConfigSnapshot INITIAL = new ConfigSnapshot(0, Map.of());

    public ConfigSnapshot {
        overrides = java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
    }
}
