package io.costq.core.config;

/**
 * One key's change: its effective value before and the value set ({@code null} = back to the start-up value).
 */
public record ConfigChange(String key, String oldValue, String newValue) {
    public ConfigChange {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("a config change needs a key");
    }
}
