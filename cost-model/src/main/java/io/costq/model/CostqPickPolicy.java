package io.costq.model;

/**
 * costq's pull rule, after the BT case, tuned with the simulator's scenario matrix (docs/scheduling.md):
 * <ol>
 *   <li><b>Cap</b>: a node never runs more than {@code maxTasks} tasks (nor its own cap, nor {@code slotsPerCore ×
 *       cores} when that gate is on); a node running nothing always takes one job.</li>
 *   <li><b>Gate on idle cores</b>: it takes work while its busy cores — the CPU meter, corrected for the meter's lag
 *       ({@link NodeSnapshot#busyCores()}) — stay below {@code cpuThreshold × cores}. A task blocked on a downstream
 *       holds a thread, not a core, so it does not close the gate; a task just started counts before the meter
 *       shows it, so a lagging meter does not make the node over-pull, and a task just finished stops counting
 *       before the meter drops, so it does not leave a core idle.</li>
 *   <li><b>Tiny jobs</b>: a node whose cores are busy still takes a head estimated at most {@code fillInMaxMs}:
 *       such a job cannot crowd the cores, and gating it would throttle no-op-sized work to the claim rate.</li>
 *   <li><b>Which class</b>: a head whose projected response — its wait plus its estimate — has reached
 *       {@code starvationMs} goes first (the one with the least slack first), whatever its cost, so no login
 *       waits past the line for cheaper ones; otherwise the cheapest non-empty class (strict priority: near
 *       shortest-job-first means).</li>
 *   <li><b>Faster nodes first</b>: a node measurably slower than the fleet ({@link NodeSnapshot#speed()} below
 *       {@link #SLOW}) leaves a head younger than {@code deferMs} to the others — a faster node with an idle core
 *       claims it first (pulling nodes race); if none does, the slow node takes it when the deferral is over.</li>
 * </ol>
 * A pure function of the node's and the queues' snapshots: the workers and the simulator run this same class.
 */
public final class CostqPickPolicy implements PickPolicy {
    /** Below this relative speed a node defers fresh heads to faster ones (the measured speed's noise is smaller). */
    public static final double SLOW = 0.95;

    private final PolicySettings settings;

    public CostqPickPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    @Override
    public Decision pick(NodeSnapshot node, QueueSnapshot queues, long nowMs) {
        int running = node.running().size();
        if (running >= Math.min(Math.min(settings.maxTasks(), node.maxTasks()), settings.slots(node.cores()))) {
            return busyWait(node, "at max tasks");
        }
        if (queues.isEmpty()) return new Decision.Wait(settings.idleWaitMs(), "queues empty");
        // progress: a node running nothing takes one job even if other processes keep its CPU busy; were every
        // node to wait on a CPU it does not use, the queues would never drain
        boolean idleCore = running == 0 || node.busyCores() < settings.cpuThreshold() * node.cores();
        long largest = idleCore ? Long.MAX_VALUE : settings.fillInMaxMs() > 0 ? settings.fillInMaxMs() : -1;
        int k = chooseClass(queues, nowMs, largest);
        if (k < 0) return busyWait(node, "no idle core");
        if (node.speed() < SLOW) {
            long age = nowMs - queues.classes().get(k).headQueuedAtMs();
            if (age < settings.deferMs()) return new Decision.Wait(settings.deferMs() - age, "leaving a fresh head to faster nodes");
        }
        return new Decision.Take(k);
    }

    /**
     * Busy: ask again when the soonest task is due to end (it may block on a downstream on the way, which only the
     * meter shows), at most after the idle wait and at least after a tenth of it — a task that overran its
     * estimate is due at once, and asking every millisecond would spin (its end wakes the node anyway).
     */
    private Decision busyWait(NodeSnapshot node, String why) {
        long idle = settings.idleWaitMs();
        return new Decision.Wait(Math.max(Math.max(1, idle / 10), Math.min(node.soonestFinishMs(), idle)), why);
    }

    /**
     * Among heads estimated at most {@code largestMs}: the one whose wait plus estimate is furthest past
     * {@code starvationMs}, else the cheapest class; -1 if none.
     */
    int chooseClass(QueueSnapshot queues, long nowMs, long largestMs) {
        int cheapest = -1;
        int urgent = -1;
        long mostLate = -1;
        for (ClassQueue q : queues.classes()) {
            if (q.isEmpty() || q.headEstimateMs() > largestMs) continue;
            if (cheapest < 0) cheapest = q.costClass();
            long late = (nowMs - q.headQueuedAtMs()) + q.headEstimateMs() - settings.starvationMs();
            if (settings.starvationMs() > 0 && late >= 0 && late > mostLate) {
                urgent = q.costClass();
                mostLate = late;
            }
        }
        return urgent >= 0 ? urgent : cheapest;
    }
}
