package io.costq.model.sim;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One queue per cost class, ordered as in Redis by score = queued-at + the lane's offset (interactive 0, batch
 * {@code batchOffsetMs}), ties by arrival: interactive jobs go first among jobs of one class, and a batch job goes
 * before interactive jobs queued more than the offset after it. Each lane is FIFO, so a class's head is the
 * lower-scored of its two lanes' oldest jobs. The head's {@code headQueuedAtMs} is its score, as the store reports it.
 */
final class FifoClassQueues implements JobQueues {
    private final List<ArrayDeque<SimJob>> interactive = new ArrayList<>();
    private final List<ArrayDeque<SimJob>> batch = new ArrayList<>();
    private final long batchOffsetMs;
    private long size;

    FifoClassQueues(int classes) {
        this(classes, 0);
    }

    FifoClassQueues(int classes, long batchOffsetMs) {
        for (int k = 0; k < classes; k++) {
            interactive.add(new ArrayDeque<>());
            batch.add(new ArrayDeque<>());
        }
        this.batchOffsetMs = batchOffsetMs;
    }

    long score(SimJob job) {
        return job.trace.arrivalMs() + (job.trace.batch() ? batchOffsetMs : 0);
    }

    @Override
    public void add(SimJob job) {
        (job.trace.batch() ? batch : interactive).get(job.costClass).addLast(job);
        size++;
    }

    private SimJob head(int k) {
        SimJob i = interactive.get(k).peekFirst();
        SimJob b = batch.get(k).peekFirst();
        if (i == null || b == null) return i == null ? b : i;
        long si = score(i);
        long sb = score(b);
        return sb < si || (sb == si && b.id < i.id) ? b : i;
    }

    @Override
    public SimJob poll(int costClass, double nowMs) {
        if (costClass < 0 || costClass >= interactive.size()) return null;
        SimJob j = head(costClass);
        if (j == null) return null;
        (j.trace.batch() ? batch : interactive).get(costClass).pollFirst();
        size--;
        return j;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public QueueSnapshot snapshot() {
        List<ClassQueue> classes = new ArrayList<>(interactive.size());
        for (int k = 0; k < interactive.size(); k++) {
            SimJob head = head(k);
            classes.add(head == null ? ClassQueue.empty(k)
                    : new ClassQueue(k, interactive.get(k).size() + batch.get(k).size(), score(head), head.estimateMs));
        }
        return new QueueSnapshot(classes);
    }
}
