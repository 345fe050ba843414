package io.costq.core.client;

import java.util.List;

/**
 * A node as its last heartbeat described it.
 *
 * @param draining an operator asked it to drain and it has seen that: it pulls nothing, its runs finish
 */
public record NodeView(String id, String role, double cpu, int runningTasks, int maxTasks, List<Long> remainingMs,
                       long lastSeenMs, String uri, boolean draining) {
}
