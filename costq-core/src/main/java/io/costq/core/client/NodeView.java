package io.costq.core.client;

import java.util.List;

/** A node as its last heartbeat described it. */
public record NodeView(String id, String role, double cpu, int runningTasks, int maxTasks, List<Long> remainingMs,
                       long lastSeenMs, String uri) {
}
