package io.costq.model.sim;

import io.costq.model.ClassQueue;
import io.costq.model.Decision;
import io.costq.model.PickPolicy;

/** The baselines' pull rules. */
final class BaselinePolicies {
    private static final long RECHECK_MS = 200;
    /** The simple rule re-checks as costq does (at its soonest task's end, within 10..100 ms), so the two compare rules. */
    private static final long SIMPLE_RECHECK_MS = 100;

    private BaselinePolicies() {}

    /** Pull while the CPU meter is below the threshold (the seed's literal rule without cost classes), one queue. */
    static PickPolicy cpuGate(double threshold) {
        return (node, queues, nowMs) -> {
            if (node.running().size() >= node.maxTasks()) return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), RECHECK_MS)), "at max tasks");
            if (queues.isEmpty()) return new Decision.Wait(RECHECK_MS, "queue empty");
            if (node.cpu() < threshold) return new Decision.Take(0);
            return new Decision.Wait(RECHECK_MS, "cpu busy");
        };
    }

    /** Pull only while fewer tasks run than the node has cores; re-evaluated when a task finishes. One queue. */
    static PickPolicy coreFree() {
        return (node, queues, nowMs) -> !queues.isEmpty() && node.running().size() < node.cores()
                ? new Decision.Take(0) : new Decision.Wait(Long.MAX_VALUE, "all cores taken");
    }

    /**
     * Pull while a core is idle, counting only tasks in a CPU phase: a task blocked on a downstream holds a thread,
     * not a core. For the clairvoyant node (exact meter, asked again at every phase change). One queue.
     */
    static PickPolicy idleCore() {
        return (node, queues, nowMs) -> !queues.isEmpty() && node.running().size() < node.maxTasks() && node.cpu() < 1 - 1e-9
                ? new Decision.Take(0) : new Decision.Wait(Long.MAX_VALUE, "no idle core");
    }

    /**
     * The simple pull rule, a strong reference: strict class priority (cheapest class first), heads waiting
     * {@code agingMs} or more first (oldest first), an idle-core gate on the CPU meter (at least half a core idle)
     * with a thread cap of {@code threadsPerCore} × cores. A node running nothing always takes one job. The fastest
     * eligible node first is the dispatcher's part ({@link PullDispatcher.NodeOrder#FASTEST_FIRST}).
     */
    static PickPolicy simpleRule(long agingMs, double threadsPerCore) {
        return (node, queues, nowMs) -> {
            int running = node.running().size();
            int cap = Math.min(node.maxTasks(), (int) Math.ceil(threadsPerCore * node.cores()));
            long recheck = Math.max(SIMPLE_RECHECK_MS / 10, Math.min(node.soonestFinishMs(), SIMPLE_RECHECK_MS));
            if (running >= cap) return new Decision.Wait(recheck, "thread cap");
            if (queues.isEmpty()) return new Decision.Wait(SIMPLE_RECHECK_MS, "queues empty");
            if (running > 0 && node.cpu() * node.cores() > node.cores() - 0.5) return new Decision.Wait(recheck, "no idle core");
            int oldest = -1;
            long oldestAt = Long.MAX_VALUE;
            int cheapest = -1;
            for (ClassQueue q : queues.classes()) {
                if (q.isEmpty()) continue;
                if (cheapest < 0) cheapest = q.costClass();
                if (nowMs - q.headQueuedAtMs() >= agingMs && q.headQueuedAtMs() < oldestAt) {
                    oldest = q.costClass();
                    oldestAt = q.headQueuedAtMs();
                }
            }
            return new Decision.Take(oldest >= 0 ? oldest : cheapest);
        };
    }
}
