package io.costq.model;

/**
 * costq's pull rule, after the BT case, tuned with the simulator (docs/scheduling.md):
 * <ol>
 *   <li>A node never runs more than {@code maxTasks} tasks; a node running nothing always takes one job.</li>
 *   <li>It is <em>busy</em> when its CPU load is at or above {@code cpuThreshold}, or when its running tasks —
 *       counting those blocked on a downstream, which a CPU meter does not see — fill its slots
 *       ({@code slotsPerCore × cores}). Not busy: take work at once.</li>
 *   <li>Busy: take only a small fill-in job, one whose estimate is at most {@code fillInMaxMs} and fits before the
 *       node's soonest-finishing task ends; otherwise wait until that task is due.</li>
 *   <li>Which class: a head that has waited {@code starvationMs} or more goes first (oldest first); otherwise the
 *       head with the highest response ratio (wait + estimate) / estimate. Cheap jobs go first, every waiting
 *       job's ratio grows with its wait (aging), and the guard turns a backlog FIFO so the wait of long jobs stays
 *       bounded: in a CPU-bound busy hour it is what keeps every login under 60 s.</li>
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
        // progress: a node running nothing takes one job even if other processes keep its CPU busy; were every
        // node to wait on a CPU it does not use, the queues would never drain
        boolean busy = running > 0 && (node.cpu() >= settings.cpuThreshold() || running >= settings.slots(node.cores()));
        if (!busy) return new Decision.Take(chooseClass(queues, nowMs, Long.MAX_VALUE));
        if (settings.fillInMaxMs() > 0) {
            int fillIn = chooseClass(queues, nowMs, Math.min(node.soonestFinishMs(), settings.fillInMaxMs()));
            if (fillIn >= 0) return new Decision.Take(fillIn);
        }
        return new Decision.Wait(Math.max(1, Math.min(node.soonestFinishMs(), settings.idleWaitMs())), "busy");
    }

    /** Among heads estimated at most maxEstimateMs: the oldest starving head, else the best response ratio; -1 if none. */
    int chooseClass(QueueSnapshot queues, long nowMs, long maxEstimateMs) {
        if (settings.starvationMs() > 0) {
            int oldest = -1;
            long oldestAt = Long.MAX_VALUE;
            for (ClassQueue q : queues.classes()) {
                if (q.isEmpty() || q.headEstimateMs() > maxEstimateMs) continue;
                if (nowMs - q.headQueuedAtMs() >= settings.starvationMs() && q.headQueuedAtMs() < oldestAt) {
                    oldest = q.costClass();
                    oldestAt = q.headQueuedAtMs();
                }
            }
            if (oldest >= 0) return oldest;
        }
        return bestClass(queues, nowMs, maxEstimateMs);
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
