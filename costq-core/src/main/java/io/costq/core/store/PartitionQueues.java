package io.costq.core.store;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The class queues of every partition seen as one: per class, the summed depth and the oldest head across
 * partitions, exactly what a single Redis would report. The pick policy decides on this merged view, then the
 * claim goes to the partition that holds the chosen class's oldest head, so no partition starves: partitions are
 * served in queue-time order, as one queue would be.
 */
public final class PartitionQueues {
    private PartitionQueues() {
    }

    /** Merges per-partition snapshots (null entries are partitions not seen right now: left out). */
    public static QueueSnapshot merge(List<QueueSnapshot> perPartition, int classes) {
        List<ClassQueue> out = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            long depth = 0;
            ClassQueue head = null;
            for (QueueSnapshot s : perPartition) {
                if (s == null || k >= s.classes().size()) continue;
                ClassQueue q = s.classes().get(k);
                if (q.isEmpty()) continue;
                depth += q.depth();
                if (head == null || q.headQueuedAtMs() < head.headQueuedAtMs()) head = q;
            }
            out.add(head == null ? ClassQueue.empty(k) : new ClassQueue(k, depth, head.headQueuedAtMs(), head.headEstimateMs()));
        }
        return new QueueSnapshot(out);
    }

    /** The partition whose class-k head is the oldest; -1 when class k is empty everywhere. */
    public static int oldestHead(List<QueueSnapshot> perPartition, int k) {
        int best = -1;
        long bestAt = Long.MAX_VALUE;
        for (int p = 0; p < perPartition.size(); p++) {
            QueueSnapshot s = perPartition.get(p);
            if (s == null || k >= s.classes().size()) continue;
            ClassQueue q = s.classes().get(k);
            if (!q.isEmpty() && q.headQueuedAtMs() < bestAt) {
                best = p;
                bestAt = q.headQueuedAtMs();
            }
        }
        return best;
    }
}
