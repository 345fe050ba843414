package io.costq.model.sim;

import io.costq.model.Decision;
import io.costq.model.NodeSnapshot;
import io.costq.model.PickPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Nodes pull from shared class queues, each asking a {@link PickPolicy} — the production class for costq. A node
 * re-evaluates when one of its tasks finishes, when a job arrives, and when a wait it asked for is over; it takes
 * jobs until the policy says wait. Arrivals are offered to the nodes in rotating order (who polls first wins), or
 * fastest node first (an idealized rule of the baselines: real pulling nodes can only approximate it, by deferring).
 * A clairvoyant node (the oracles) reads its exact CPU-phase count and is asked again at every phase change.
 */
final class PullDispatcher implements Dispatcher {
    enum NodeOrder { ROTATING, FASTEST_FIRST }

    private static final int MAX_TAKES_PER_LOOK = 10_000;

    private final PickPolicy policy;
    private final JobTagger tagger;
    private final JobQueues queues;
    private NodeOrder order = NodeOrder.ROTATING;
    private boolean clairvoyant;
    private Cluster cluster;
    private List<SimNode> byOrder;
    private int nextFirst;
    private long emptyTakes;

    PullDispatcher(PickPolicy policy, JobTagger tagger, JobQueues queues) {
        this.policy = policy;
        this.tagger = tagger;
        this.queues = queues;
    }

    /** Offers each arrival to the fastest nodes first (ties in rotating order). */
    PullDispatcher fastestFirst() {
        this.order = NodeOrder.FASTEST_FIRST;
        return this;
    }

    /** Nodes see their exact CPU-phase count and look again at every phase change (a task blocking frees a core). */
    PullDispatcher clairvoyant() {
        this.clairvoyant = true;
        return this;
    }

    @Override
    public void attach(Cluster cluster) {
        this.cluster = cluster;
        byOrder = new ArrayList<>(cluster.nodes());
        if (order == NodeOrder.FASTEST_FIRST) byOrder.sort(Comparator.comparingDouble(SimNode::speed).reversed());
    }

    @Override
    public void onArrival(SimJob job) {
        tagger.tag(job, cluster.nowMs());
        queues.add(job);
        cluster.queueWaiting(true);
        int n = byOrder.size();
        if (order == NodeOrder.ROTATING) {
            for (int i = 0; i < n && !queues.isEmpty(); i++) look(byOrder.get((nextFirst + i) % n));
        } else { // within each speed, rotating
            int i = 0;
            while (i < n && !queues.isEmpty()) {
                int j = i;
                while (j < n && byOrder.get(j).speed() == byOrder.get(i).speed()) j++;
                for (int k = 0; k < j - i && !queues.isEmpty(); k++) look(byOrder.get(i + (nextFirst + k) % (j - i)));
                i = j;
            }
        }
        nextFirst = (nextFirst + 1) % n;
    }

    @Override
    public void onTasksFinished(SimNode node, List<SimJob> done) {
        for (SimJob j : done) tagger.completed(j, cluster.nowMs());
        look(node);
    }

    @Override
    public void onPhaseChanged(SimNode node) {
        if (clairvoyant) look(node);
    }

    @Override
    public void onWake(SimNode node) {
        look(node);
    }

    long emptyTakes() {
        return emptyTakes;
    }

    /** Takes jobs while the policy says so. With the queues empty there is nothing to decide: the next arrival wakes it. */
    private void look(SimNode node) {
        double now = cluster.nowMs();
        for (int i = 0; i < MAX_TAKES_PER_LOOK; i++) {
            if (queues.isEmpty()) {
                cluster.cancelWake(node);
                return;
            }
            NodeSnapshot snapshot = node.snapshot(now, cluster.config().nodeMaxTasks(), clairvoyant);
            Decision d = policy.pick(snapshot, queues.snapshot(), (long) Math.floor(now));
            if (d instanceof Decision.Wait w) {
                cluster.scheduleWake(node, w.maxWaitMs());
                return;
            }
            SimJob job = queues.poll(((Decision.Take) d).costClass(), now);
            if (job == null) { // the policy chose an empty class: treat as a short wait
                emptyTakes++;
                cluster.scheduleWake(node, 100);
                return;
            }
            if (queues.isEmpty()) cluster.queueWaiting(false);
            cluster.start(node, job);
        }
        cluster.scheduleWake(node, 1);
    }
}
