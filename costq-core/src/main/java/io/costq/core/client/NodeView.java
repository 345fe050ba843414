package io.costq.core.client;

import java.util.List;

/**
 * A node as its last heartbeat described it.
 *
 * @param types    the job types a worker handles (empty for an API node)
 * @param draining an operator asked it to drain and it has seen that: it pulls nothing, its runs finish
 */
public record NodeView(String id, String role, double cpu, int runningTasks, int maxTasks, List<Long> remainingMs,
                       long lastSeenMs, String uri, List<String> types, boolean draining) {
}
