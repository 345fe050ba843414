package io.costq.model.sim;

import io.costq.model.NodeSnapshot;
import io.costq.model.NodeSpeed;
import io.costq.model.RunningTask;
import io.costq.model.TaskCountAverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One simulated node: its tasks' CPU phases share the node's cores under {@link ProcessorSharing} (the model the live
 * replay's virtual CPU runs too); tasks waiting on the downstream use no CPU and are not slowed. A task of cost c
 * runs CPU (1−F)c/2, waits F·c, runs CPU (1−F)c/2 (F = io-frac; with F = 0 one CPU phase of c).
 */
final class SimNode {
    private static final Comparator<SimJob> BY_PHASE_END =
            Comparator.comparingDouble((SimJob j) -> j.phaseEnd).thenComparingLong(j -> j.id);

    final int index;
    private final int cores;
    private final double speed;
    private final double ioFrac;
    private final double smoothingMs;

    private final ProcessorSharing<SimJob> cpuPhase;
    private final PriorityQueue<SimJob> ioPhase = new PriorityQueue<>(BY_PHASE_END);
    /** CPU phases that ended (at or just before the last advance) and wait for {@link #completeDue}. */
    private final List<SimJob> cpuDone = new ArrayList<>();
    private final List<SimJob> running = new ArrayList<>();
    private final NodeSpeed measuredSpeed = new NodeSpeed();
    private final TaskCountAverage meterTasks;
    private double lastMs;
    private double smoothedCpu;
    private long transitionVersion;
    private long wakeVersion;

    SimNode(int index, ClusterConfig config) {
        this.index = index;
        this.cores = config.cores();
        this.speed = config.speed(index);
        this.ioFrac = config.ioFrac();
        this.smoothingMs = config.cpuSmoothingMs();
        this.cpuPhase = new ProcessorSharing<>(cores, speed, config.thrash());
        this.meterTasks = new TaskCountAverage(smoothingMs);
    }

    int running() {
        return running.size();
    }

    int cpuTasks() {
        return cpuPhase.size() + cpuDone.size();
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
        return Math.min(1.0, (double) cpuTasks() / cores);
    }

    /** Per-task progress in speed-1 ms per ms with n tasks in a CPU phase. */
    double rate(int n) {
        return cpuPhase.rate(n);
    }

    /** Moves the node's clocks to now (call before any change). */
    void advanceTo(double nowMs) {
        double dt = nowMs - lastMs;
        if (dt > 0 && smoothingMs > 0) smoothedCpu += (1 - Math.exp(-dt / smoothingMs)) * (instantCpu() - smoothedCpu);
        for (ProcessorSharing.Finished<SimJob> f : cpuPhase.advanceTo(nowMs)) cpuDone.add(f.item());
        lastMs = Math.max(lastMs, nowMs);
    }

    void start(SimJob job, double nowMs) {
        advanceTo(nowMs);
        job.node = this;
        job.startedMs = nowMs;
        job.slot = running.size();
        running.add(job);
        meterTasks.set((long) Math.floor(nowMs), running.size());
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
            while (!cpuDone.isEmpty()) {
                SimJob j = cpuDone.remove(cpuDone.size() - 1);
                if (!enterPhase(j, j.phase + 1, nowMs)) done.add(j);
                changed = true;
            }
            while (!ioPhase.isEmpty() && ioPhase.peek().phaseEnd <= nowMs + ProcessorSharing.EPS_MS) {
                SimJob j = ioPhase.poll();
                if (!enterPhase(j, j.phase + 1, nowMs)) done.add(j);
                changed = true;
            }
            advanceTo(nowMs);
        }
        for (SimJob j : done) remove(j);
        if (!done.isEmpty()) meterTasks.set((long) Math.floor(nowMs), running.size());
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
                cpuPhase.add(job, length, nowMs);
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
        if (!cpuDone.isEmpty()) return lastMs;
        double next = cpuPhase.nextEndMs();
        if (!ioPhase.isEmpty()) next = Math.min(next, ioPhase.peek().phaseEnd);
        return next;
    }

    /**
     * What the node knows about itself, for a pull policy: its CPU meter (lagging by the configured smoothing) and
     * its task count averaged alike, cores, cap, its tasks' estimates, its speed as {@link NodeSpeed} learns it. A clairvoyant node
     * (the oracles) reads its exact CPU-phase count instead.
     */
    NodeSnapshot snapshot(double nowMs, int maxTasks, boolean clairvoyant) {
        advanceTo(nowMs);
        List<RunningTask> tasks = new ArrayList<>(running.size());
        for (SimJob j : running) tasks.add(new RunningTask(j.estimateMs, (long) (nowMs - j.startedMs)));
        if (clairvoyant) return new NodeSnapshot(instantCpu(), cores, maxTasks, tasks, speed, 0);
        return new NodeSnapshot(cpu(), cores, maxTasks, tasks, measuredSpeed.relative(), meterTasks.value((long) Math.floor(nowMs)));
    }

    /** Learns the node's speed from a run that just ended here. */
    void ran(SimJob job, double nowMs) {
        measuredSpeed.record(job.estimateMs, Math.round(nowMs - job.startedMs));
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
