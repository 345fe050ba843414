package io.costq.core.client;

import io.costq.core.config.ConfigReport;
import java.util.List;

/**
 * A node as its last heartbeat described it.
 *
 * @param types    the job types a worker handles (empty for an API node)
 * @param draining an operator asked it to drain and it has seen that: it pulls nothing, its runs finish
 * @param config   the live config version it runs and the newest it refused (why); null when it does not say
 */
public record NodeView(String id, String role, double cpu, int runningTasks, int maxTasks, List<Long> remainingMs,
                       long lastSeenMs, String uri, List<String> types, boolean draining, ConfigReport config) {
}
