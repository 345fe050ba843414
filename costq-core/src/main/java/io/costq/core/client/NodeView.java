package io.costq.core.client;

import java.util.List;

/** A node as its last heartbeat described it; {@code types}: the job types a worker handles (empty for an API node). */
public record NodeView(String id, String role, double cpu, int runningTasks, int maxTasks, List<Long> remainingMs,
                       long lastSeenMs, String uri, List<String> types) {
}
