package io.costq.model;

/**
 * costq's pull rule, after the BT case, tuned with the simulator (docs/scheduling.md):
 * <ol>
 *   <li>A node never runs more than {@code maxTasks} tasks.</li>
 *   <li>It is <em>busy</em> when its CPU load is at or above {@code cpuThreshold}, or when its running tasks —
 *       counting those blocked on a downstream, which a CPU meter does not see — fill its slots
 *       ({@code slotsPerCore × cores}). Not busy: take work at once.</li>
 *   <li>Busy: take only a small fill-in job, one whose estimate is at most {@code fillInMaxMs} and fits before the
 *       node's soonest-finishing task ends; otherwise wait until that task is due.</li>
 *   <li>Which class: the queue head with the highest response ratio (wait + estimate) / estimate. Cheap jobs go
 *       first, but every waiting job's ratio grows with its wait, so no class starves (aging). A hard "oldest first
 *       after T" guard was measured and rejected: under a backlog every head is past T and the queue turns FIFO.</li>
 * </ol>
 */
public final class CostqPickPolicy implements PickPolicy {
    private final PolicySettings settings;

    public CostqPickPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    @Override
    public Decision pick(NodeSnapshot node, QueueSnapshot queues, long nowMs) {
        int maxTasks = Math.min(settings.maxTasks(), node.maxTasks());
        int running = node.running().size();
        if (running >= maxTasks) {
            return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), settings.idleWaitMs())), "at max tasks");
        }
        if (queues.isEmpty()) return new Decision.Wait(settings.idleWaitMs(), "queues empty");
        boolean busy = node.cpu() >= settings.cpuThreshold() || running >= settings.slots(node.cores());
        if (!busy) return new Decision.Take(bestClass(queues, nowMs, Long.MAX_VALUE));
        if (settings.fillInMaxMs() > 0) {
            int fillIn = bestClass(queues, nowMs, Math.min(node.soonestFinishMs(), settings.fillInMaxMs()));
            if (fillIn >= 0) return new Decision.Take(fillIn);
        }
        return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), settings.idleWaitMs())), "busy");
    }

    /** The non-empty class whose head has the highest response ratio among heads estimated at most maxEstimateMs. */
    static int bestClass(QueueSnapshot queues, long nowMs, long maxEstimateMs) {
        int best = -1;
        double bestRatio = -1;
        for (ClassQueue q : queues.classes()) {
            if (q.isEmpty() || q.headEstimateMs() > maxEstimateMs) continue;
            double ratio = responseRatio(q, nowMs);
            if (ratio > bestRatio) {
                best = q.costClass();
                bestRatio = ratio;
            }
        }
        return best;
    }

    static double responseRatio(ClassQueue q, long nowMs) {
        double estimate = Math.max(1, q.headEstimateMs());
        double waited = Math.max(0, nowMs - q.headQueuedAtMs());
        return (waited + estimate) / estimate;
    }
}
