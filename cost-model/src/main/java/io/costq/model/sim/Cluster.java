package io.costq.model.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The model: the nodes, the dispatcher that feeds them, and the events that move them. */
final class Cluster {
    private final Simulation sim;
    private final ClusterConfig config;
    private final List<SimNode> nodes;
    private final Dispatcher dispatcher;
    private final SimListener listener;
    private long nextJobId;

    Cluster(Simulation sim, ClusterConfig config, Dispatcher dispatcher, SimListener listener) {
        this.sim = sim;
        this.config = config;
        List<SimNode> list = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) list.add(new SimNode(i, config));
        this.nodes = Collections.unmodifiableList(list);
        this.dispatcher = dispatcher;
        this.listener = listener;
        dispatcher.attach(this);
    }

    List<SimNode> nodes() {
        return nodes;
    }

    ClusterConfig config() {
        return config;
    }

    double nowMs() {
        return sim.nowMs();
    }

    void arrive(TraceJob trace) {
        dispatcher.onArrival(new SimJob(nextJobId++, trace));
    }

    void start(SimNode node, SimJob job) {
        double now = sim.nowMs();
        node.start(job, now);
        listener.jobStarted(job, now);
        changed(node, now);
    }

    void transition(SimNode node) {
        double now = sim.nowMs();
        List<SimJob> done = node.completeDue(now);
        for (SimJob j : done) {
            node.ran(j, now);
            listener.jobFinished(j, now + config.overheadMs()); // its end is recorded then; its core is free now
        }
        changed(node, now);
        if (!done.isEmpty()) dispatcher.onTasksFinished(node, done); else dispatcher.onPhaseChanged(node);
    }

    /** The shared queues turned empty or non-empty. */
    void queueWaiting(boolean waiting) {
        listener.queueWaiting(sim.nowMs(), waiting);
    }

    void wake(SimNode node) {
        dispatcher.onWake(node);
    }

    /** Asks for a wake-up after waitMs; supersedes any earlier request of this node. */
    void scheduleWake(SimNode node, long waitMs) {
        long version = node.nextWakeVersion();
        if (waitMs >= Long.MAX_VALUE / 4) return;
        sim.schedule(new PullWake(sim.nowMs() + Math.max(1, waitMs), this, node, version));
    }

    /** Cancels a pending wake-up of the node. */
    void cancelWake(SimNode node) {
        node.nextWakeVersion();
    }

    private void changed(SimNode node, double now) {
        listener.nodeLoad(node.index, now, node.cpuTasks(), node.running());
        long version = node.nextTransitionVersion();
        double next = node.nextTransitionMs();
        if (next < Double.POSITIVE_INFINITY) sim.schedule(new NodeTransition(Math.max(now, next), this, node, version));
    }
}
