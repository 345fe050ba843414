package io.costq.core.config;

import io.costq.core.redis.Keys;

/**
 * The keys and channel of the live config, under the partition's hash tag. Kept apart from {@link Keys} only
 * while that class is being changed for ordered delivery; they belong there.
 */
public record ConfigKeys(String overrides, String version, String history, String channel) {

    public static ConfigKeys of(Keys keys) {
        String base = keys.tag() + ":config";
        return new ConfigKeys(base, base + ":version", base + ":history", base + ":changed");
    }
}
