package io.costq.model.sim;

import java.util.List;

/** A load balancer: each job goes to a node at arrival, round robin or to the node with the fewest connections. */
final class PushDispatcher implements Dispatcher {
    enum Rule { ROUND_ROBIN, LEAST_CONNECTIONS }

    private final Rule rule;
    private Cluster cluster;
    private int next;

    PushDispatcher(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void attach(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onArrival(SimJob job) {
        List<SimNode> nodes = cluster.nodes();
        int n = nodes.size();
        SimNode target;
        if (rule == Rule.ROUND_ROBIN) {
            target = nodes.get(next);
        } else { // fewest running tasks; ties go round robin, as balancers do
            target = null;
            for (int i = 0; i < n; i++) {
                SimNode candidate = nodes.get((next + i) % n);
                if (target == null || candidate.running() < target.running()) target = candidate;
            }
        }
        next = (next + 1) % n;
        cluster.start(target, job);
    }

    @Override
    public void onTasksFinished(SimNode node, List<SimJob> done) {}

    @Override
    public void onWake(SimNode node) {}
}
