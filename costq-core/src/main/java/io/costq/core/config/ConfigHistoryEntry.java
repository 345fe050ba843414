package io.costq.core.config;

import java.util.List;

/** One accepted config change in the audit history: the version it made, who, when, and old -> new per key. */
public record ConfigHistoryEntry(long version, String who, long atMs, List<ConfigChange> changes) {
}
