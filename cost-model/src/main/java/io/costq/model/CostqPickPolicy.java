package io.costq.model;

/**
 * costq's pull rule, after the BT case:
 * <ol>
 *   <li>A node never runs more than {@code maxTasks} tasks.</li>
 *   <li>CPU below the threshold: take work at once.</li>
 *   <li>CPU at or above it: take only a small fill-in job, one whose estimate is at most {@code fillInMaxMs} and
 *       fits before the node's soonest-finishing task ends; otherwise wait until that task is due.</li>
 *   <li>Which class: the queue head with the highest response ratio (wait + estimate) / estimate. Cheap jobs go
 *       first, but every waiting job's ratio grows with its wait, so no class starves (aging).</li>
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
        if (node.running().size() >= maxTasks) {
            return new Decision.Wait(Math.min(node.soonestFinishMs(), settings.idleWaitMs()), "at max tasks");
        }
        if (queues.isEmpty()) return new Decision.Wait(settings.idleWaitMs(), "queues empty");
        if (node.cpu() < settings.cpuThreshold()) {
            return new Decision.Take(bestClass(queues, nowMs, Long.MAX_VALUE));
        }
        long fitMs = Math.min(node.soonestFinishMs(), settings.fillInMaxMs());
        int fillIn = bestClass(queues, nowMs, fitMs);
        if (fillIn >= 0) return new Decision.Take(fillIn);
        return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), settings.idleWaitMs())), "cpu saturated");
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
