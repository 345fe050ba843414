package io.costq.model.sim;

import io.costq.model.NodeSnapshot;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One node under processor sharing. Its n CPU-phase tasks each progress at s if n &le; C, else at
 * s·(C/n)/(1 + K(n−C)/C); tasks waiting on the downstream use no CPU and are not slowed. All CPU-phase tasks progress
 * at the same rate, so the node keeps one "virtual work" clock and each CPU phase ends at a virtual time fixed when
 * it starts: every event is O(log n) even with thousands of tasks.
 */
final class SimNode {
    private static final Comparator<SimJob> BY_PHASE_END =
            Comparator.comparingDouble((SimJob j) -> j.phaseEnd).thenComparingLong(j -> j.id);
    private static final double EPS_MS = 1e-6;

    final int index;
    private final int cores;
    private final double speed;
    private final double thrash;
    private final double ioFrac;
    private final double smoothingMs;

    private final PriorityQueue<SimJob> cpuPhase = new PriorityQueue<>(BY_PHASE_END);
    private final PriorityQueue<SimJob> ioPhase = new PriorityQueue<>(BY_PHASE_END);
    private final List<SimJob> running = new ArrayList<>();
    private double virtualMs;
    private double lastMs;
    private double smoothedCpu;
    private long transitionVersion;
    private long wakeVersion;

    SimNode(int index, ClusterConfig config) {
        this.index = index;
        this.cores = config.cores();
        this.speed = config.speed(index);
        this.thrash = config.thrash();
        this.ioFrac = config.ioFrac();
        this.smoothingMs = config.cpuSmoothingMs();
    }

    int running() {
        return running.size();
    }

    int cpuTasks() {
        return cpuPhase.size();
    }

    int cores() {
        return cores;
    }

    double speed() {
        return speed;
    }

    /** What a CPU meter shows: busy cores / cores, optionally smoothed. */
    double cpu() {
        return smoothingMs > 0 ? smoothedCpu : instantCpu();
    }

    private double instantCpu() {
        return Math.min(1.0, (double) cpuPhase.size() / cores);
    }

    /** Per-task progress in speed-1 ms per ms with n tasks in a CPU phase. */
    double rate(int n) {
        if (n <= cores) return speed;
        return speed * ((double) cores / n) / (1 + thrash * (n - cores) / cores);
    }

    /** Moves the node's clocks to now (call before any change). */
    void advanceTo(double nowMs) {
        double dt = nowMs - lastMs;
        if (dt <= 0) return;
        if (!cpuPhase.isEmpty()) virtualMs += rate(cpuPhase.size()) * dt;
        if (smoothingMs > 0) smoothedCpu += (1 - Math.exp(-dt / smoothingMs)) * (instantCpu() - smoothedCpu);
        lastMs = nowMs;
    }

    void start(SimJob job, double nowMs) {
        advanceTo(nowMs);
        job.node = this;
        job.startedMs = nowMs;
        job.slot = running.size();
        running.add(job);
        enterPhase(job, 0, nowMs);
    }

    /**
     * Ends every phase due at now; returns the jobs that completed. A phase of zero length is skipped.
     */
    List<SimJob> completeDue(double nowMs) {
        advanceTo(nowMs);
        List<SimJob> done = new ArrayList<>(1);
        boolean changed = true;
        while (changed) {
            changed = false;
            while (!cpuPhase.isEmpty() && (cpuPhase.peek().phaseEnd - virtualMs) / rate(cpuPhase.size()) <= EPS_MS) {
                SimJob j = cpuPhase.poll();
                if (!enterPhase(j, j.phase + 1, nowMs)) done.add(j);
                changed = true;
            }
            while (!ioPhase.isEmpty() && ioPhase.peek().phaseEnd <= nowMs + EPS_MS) {
                SimJob j = ioPhase.poll();
                if (!enterPhase(j, j.phase + 1, nowMs)) done.add(j);
                changed = true;
            }
        }
        for (SimJob j : done) remove(j);
        return done;
    }

    /** Puts the job in the first non-empty phase from {@code phase} on; false when it has none left (done). */
    private boolean enterPhase(SimJob job, int phase, double nowMs) {
        double c = job.trace.costMs();
        for (int p = phase; p <= 2; p++) {
            double length = ioFrac == 0 ? (p == 0 ? c : 0) // no downstream: one CPU phase
                    : p == 1 ? ioFrac * c : (1 - ioFrac) * c / 2;
            if (length <= 0) continue;
            job.phase = p;
            if (p == 1) {
                job.phaseEnd = nowMs + length;
                ioPhase.add(job);
            } else {
                job.phaseEnd = virtualMs + length;
                cpuPhase.add(job);
            }
            return true;
        }
        return false;
    }

    private void remove(SimJob job) {
        int slot = job.slot;
        SimJob last = running.remove(running.size() - 1);
        if (last != job) {
            running.set(slot, last);
            last.slot = slot;
        }
        job.slot = -1;
    }

    /** When the next phase ends, or +inf when nothing runs. */
    double nextTransitionMs() {
        double next = Double.POSITIVE_INFINITY;
        if (!cpuPhase.isEmpty()) {
            next = lastMs + Math.max(0, cpuPhase.peek().phaseEnd - virtualMs) / rate(cpuPhase.size());
        }
        if (!ioPhase.isEmpty()) next = Math.min(next, ioPhase.peek().phaseEnd);
        return next;
    }

    /** What the node knows about itself, for a pull policy: CPU meter, cores, cap, and its tasks' estimates. */
    NodeSnapshot snapshot(double nowMs, int maxTasks) {
        advanceTo(nowMs);
        List<RunningTask> tasks = new ArrayList<>(running.size());
        for (SimJob j : running) tasks.add(new RunningTask(j.estimateMs, (long) (nowMs - j.startedMs)));
        return new NodeSnapshot(cpu(), cores, maxTasks, tasks);
    }

    long transitionVersion() {
        return transitionVersion;
    }

    long nextTransitionVersion() {
        return ++transitionVersion;
    }

    long wakeVersion() {
        return wakeVersion;
    }

    long nextWakeVersion() {
        return ++wakeVersion;
    }
}
