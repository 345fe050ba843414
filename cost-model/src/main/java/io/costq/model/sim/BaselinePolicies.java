package io.costq.model.sim;

import io.costq.model.Decision;
import io.costq.model.PickPolicy;

/** The baselines' pull rules, on one queue (class 0). */
final class BaselinePolicies {
    private BaselinePolicies() {}

    /** Pull while the CPU meter is below the threshold (the seed's literal rule without cost classes). */
    static PickPolicy cpuGate(double threshold) {
        return (node, queues, nowMs) -> {
            if (node.running().size() >= node.maxTasks()) return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), 200)), "at max tasks");
            if (queues.isEmpty()) return new Decision.Wait(200, "queue empty");
            if (node.cpu() < threshold) return new Decision.Take(0);
            return new Decision.Wait(200, "cpu busy");
        };
    }

    /** Pull only while fewer tasks run than the node has cores; re-evaluated when a task finishes. */
    static PickPolicy coreFree() {
        return (node, queues, nowMs) -> !queues.isEmpty() && node.running().size() < node.cores()
                ? new Decision.Take(0) : new Decision.Wait(Long.MAX_VALUE, "all cores taken");
    }
}
