package io.costq.model.sim;

import io.costq.model.ClassQueue;
import io.costq.model.PolicySettings;
import io.costq.model.QueueSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The queue of the constrained yardstick {@code oracle-line}: shortest job first on true costs, except that a job
 * that has reached costq's lines — waited {@code starvationMs}, or wait + {@link PolicySettings#RUN_SPREAD} × cost
 * reached {@code projectedMs} — goes first, the one that reached them first first: the rule costq's aging guard
 * applies to class heads, here with perfect knowledge over every queued job.
 */
final class LineSjfQueue implements JobQueues {
    private final long starvationMs;
    private final long projectedMs;
    private final PriorityQueue<SimJob> shortest = new PriorityQueue<>(
            Comparator.comparingLong((SimJob j) -> j.estimateMs).thenComparingLong(j -> j.id));
    /** By the time the job reaches the line: arrival + line − cost. */
    private final PriorityQueue<SimJob> byLine;
    private long size;

    LineSjfQueue(PolicySettings lines) {
        this.starvationMs = lines.starvationMs();
        this.projectedMs = lines.projectedMs() > 0 ? lines.projectedMs() : Long.MAX_VALUE / 4;
        this.byLine = new PriorityQueue<>(Comparator.comparingDouble((SimJob j) -> lineAt(j)).thenComparingLong(j -> j.id));
    }

    /** When the job reaches the first of the lines. */
    private double lineAt(SimJob j) {
        return j.trace.arrivalMs() + Math.min(starvationMs, projectedMs - PolicySettings.RUN_SPREAD * j.estimateMs);
    }

    @Override
    public void add(SimJob job) {
        shortest.add(job);
        byLine.add(job);
        size++;
    }

    @Override
    public SimJob poll(int costClass, double nowMs) {
        if (costClass != 0 || size == 0) return null;
        dropTaken(byLine);
        SimJob late = byLine.peek();
        SimJob j = late != null && lineAt(late) <= nowMs ? byLine.poll() : pollShortest();
        j.queuedOut = true;
        size--;
        return j;
    }

    private SimJob pollShortest() {
        dropTaken(shortest);
        return shortest.poll();
    }

    /** Each job sits in both heaps: the one it left by the other is dropped lazily. */
    private static void dropTaken(PriorityQueue<SimJob> heap) {
        while (!heap.isEmpty() && heap.peek().queuedOut) heap.poll();
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public QueueSnapshot snapshot() {
        return new QueueSnapshot(List.of(size == 0 ? ClassQueue.empty(0) : new ClassQueue(0, size, 0, 1)));
    }
}
