package io.costq.core.worker;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an operator holds a node back from, live: cost classes paused cluster-wide (the live config's
 * {@code costq.classes.paused}) and a drain of this node (asked through the API, read with each heartbeat). The
 * node's policy sees a paused class as empty, so it neither claims from it nor waits for it; a draining node pulls
 * nothing and lets its runs finish.
 */
public final class PullGate {
    private volatile Set<Integer> paused = Set.of();
    private volatile boolean draining;

    public void pause(Set<Integer> classes) {
        paused = Set.copyOf(classes);
    }

    public Set<Integer> paused() {
        return paused;
    }

    /** Returns true when the drain flag changed. */
    boolean drain(boolean asked) {
        boolean changed = draining != asked;
        draining = asked;
        return changed;
    }

    public boolean draining() {
        return draining;
    }

    boolean allows(int costClass) {
        return !paused.contains(costClass);
    }

    /** The queues as the policy should see them: a paused class is empty. */
    QueueSnapshot open(QueueSnapshot queues) {
        Set<Integer> p = paused;
        if (p.isEmpty()) return queues;
        List<ClassQueue> classes = new ArrayList<>(queues.classes().size());
        for (ClassQueue q : queues.classes()) classes.add(p.contains(q.costClass()) ? ClassQueue.empty(q.costClass()) : q);
        return new QueueSnapshot(classes);
    }
}
