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
 *   <li><b>Which class</b>: a head that is late goes first, the latest first, whatever its cost — late when it has
 *       waited {@code starvationMs}, or when its wait plus {@link PolicySettings#RUN_SPREAD} × its estimate has
 *       reached {@code projectedMs} (a long job, whose run may overrun its estimate, starts while it can still end
 *       within the tail's bounds); otherwise the cheapest class whose head is due (strict priority: near
 *       shortest-job-first means).</li>
 *   <li><b>Faster nodes first</b>: a node measurably slower than the fleet ({@link NodeSnapshot#speed()} below
 *       {@link #SLOW}) leaves the heads to the others while every head is younger than {@code deferMs} — a faster
 *       node with an idle core claims first (pulling nodes race; a head older than that shows that no faster node
 *       had room, so waiting longer would only idle a core). It also leaves a late head to them until the head is
 *       late by more than this node would add to its run (estimate × (1 / speed − 1)): a long job that must make
 *       its line goes to a fast node's next free core, a short one is taken at once.</li>
 *   <li><b>Lanes</b>: a lane's queue score is its queued-at plus an offset (batch: later), so a head whose score is
 *       still in the future is batch work within its offset; it is taken only when no queue has a head that is due,
 *       and only while the node keeps {@code batchReserve} of its cores for interactive work.</li>
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
        double busy = running == 0 ? 0 : node.busyCores();
        boolean idleCore = busy < settings.cpuThreshold() * node.cores();
        long largest = idleCore ? Long.MAX_VALUE : settings.fillInMaxMs() > 0 ? settings.fillInMaxMs() : -1;
        boolean roomForBatch = busy < (settings.cpuThreshold() - settings.batchReserve()) * node.cores();
        double speed = node.speed() < SLOW ? node.speed() : 1.0;
        int k = chooseClass(queues, nowMs, largest, speed, roomForBatch);
        if (k < 0) return busyWait(node, idleCore ? "batch work only, cores reserved" : "no idle core");
        if (speed < 1) {
            long age = nowMs - oldestHead(queues, nowMs);
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

    /** The oldest score among the heads, or now when every head is queued in the future (batch work within its offset). */
    private static long oldestHead(QueueSnapshot queues, long nowMs) {
        long oldest = nowMs;
        for (ClassQueue q : queues.classes()) if (!q.isEmpty()) oldest = Math.min(oldest, q.headQueuedAtMs());
        return oldest;
    }

    /** {@link #chooseClass(QueueSnapshot, long, long, double, boolean)} for a typical-speed node with room for batch work. */
    int chooseClass(QueueSnapshot queues, long nowMs, long largestMs) {
        return chooseClass(queues, nowMs, largestMs, 1.0, true);
    }

    /**
     * Among heads estimated at most {@code largestMs}: the latest of the late ones (a slow node skipping a late
     * head that is not late by more than it would add), else the cheapest class whose head is due, else — with
     * room for batch work — the cheapest class at all; -1 if none.
     */
    int chooseClass(QueueSnapshot queues, long nowMs, long largestMs, double speed, boolean roomForBatch) {
        int cheapestDue = -1;
        int cheapestBatch = -1;
        int urgent = -1;
        long mostLate = -1;
        for (ClassQueue q : queues.classes()) {
            if (q.isEmpty() || q.headEstimateMs() > largestMs) continue;
            long waited = nowMs - q.headQueuedAtMs();
            if (waited < 0) { // batch work within its lane's offset
                if (cheapestBatch < 0) cheapestBatch = q.costClass();
                continue;
            }
            if (cheapestDue < 0) cheapestDue = q.costClass();
            long late = late(waited, q.headEstimateMs());
            if (late < 0 || late <= mostLate) continue;
            if (speed < 1 && late < q.headEstimateMs() * (1 / speed - 1)) continue; // a faster node's next free core
            urgent = q.costClass();
            mostLate = late;
        }
        if (urgent >= 0) return urgent;
        if (cheapestDue >= 0) return cheapestDue;
        return roomForBatch ? cheapestBatch : -1;
    }

    /** How far past its lines a head is (ms, ≥ 0 when late), or -1 with the guard off. */
    private long late(long waitedMs, long estimateMs) {
        if (settings.starvationMs() <= 0) return -1;
        long late = waitedMs - settings.starvationMs();
        if (settings.projectedMs() > 0) {
            late = Math.max(late, waitedMs + (long) (PolicySettings.RUN_SPREAD * estimateMs) - settings.projectedMs());
        }
        return late;
    }
}
