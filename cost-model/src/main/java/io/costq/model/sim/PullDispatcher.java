package io.costq.model.sim;

import io.costq.model.Decision;
import io.costq.model.NodeSnapshot;
import io.costq.model.PickPolicy;
import java.util.List;

/**
 * Nodes pull from shared class queues, each asking a {@link PickPolicy} — the production class for costq. A node
 * re-evaluates when one of its tasks finishes, when a job arrives, and when a wait it asked for is over; it takes
 * jobs until the policy says wait. Arrivals offer the job to the nodes in rotating order (who polls first wins).
 */
final class PullDispatcher implements Dispatcher {
    private static final int MAX_TAKES_PER_LOOK = 10_000;

    private final PickPolicy policy;
    private final JobTagger tagger;
    private final JobQueues queues;
    private Cluster cluster;
    private int nextFirst;
    private long emptyTakes;

    PullDispatcher(PickPolicy policy, JobTagger tagger, JobQueues queues) {
        this.policy = policy;
        this.tagger = tagger;
        this.queues = queues;
    }

    @Override
    public void attach(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onArrival(SimJob job) {
        tagger.tag(job, cluster.nowMs());
        queues.add(job);
        List<SimNode> nodes = cluster.nodes();
        int n = nodes.size();
        for (int i = 0; i < n && !queues.isEmpty(); i++) look(nodes.get((nextFirst + i) % n));
        nextFirst = (nextFirst + 1) % n;
    }

    @Override
    public void onTasksFinished(SimNode node, List<SimJob> done) {
        for (SimJob j : done) tagger.completed(j, cluster.nowMs());
        look(node);
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
            NodeSnapshot snapshot = node.snapshot(now, cluster.config().nodeMaxTasks());
            Decision d = policy.pick(snapshot, queues.snapshot(), (long) Math.floor(now));
            if (d instanceof Decision.Wait w) {
                cluster.scheduleWake(node, w.maxWaitMs());
                return;
            }
            SimJob job = queues.poll(((Decision.Take) d).costClass());
            if (job == null) { // the policy chose an empty class: treat as a short wait
                emptyTakes++;
                cluster.scheduleWake(node, 100);
                return;
            }
            cluster.start(node, job);
        }
        cluster.scheduleWake(node, 1);
    }
}
