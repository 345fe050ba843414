package io.costq.core.worker;

import io.costq.core.store.JobStore;
import io.costq.core.store.PartitionQueues;
import io.costq.model.QueueSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node knows of the class queues, per partition, and when it asks again (owned by the pull loop's thread).
 * A claim asks for the queues' state (in the same round trip: due retries promoted first, 12 reads for 4 classes
 * after) every {@link #QUEUES_EVERY_MS} or {@link #QUEUES_EVERY_CLAIMS} claims; between reports the node decides on
 * the last one less what it took itself. Jobs arriving in another class are seen within that time, or at once when
 * the class being taken from runs dry or the node waits idle or for work (such a wait forgets the views; a node that
 * only waits for one of its runs to end keeps them).
 */
final class QueueViews {
    private static final Logger LOG = LoggerFactory.getLogger(QueueViews.class);
    static final long QUEUES_EVERY_MS = 20;
    /** ... and at least every this many claims, so that a node whose clock stands still (a test's) looks too. */
    static final int QUEUES_EVERY_CLAIMS = 16;
    /** With several partitions, those not claimed from are re-read at least this often. */
    private static final long MAX_AGE_MS = 100;

    /** null = to be read */
    private final QueueSnapshot[] views;
    private final long[] readAt;
    private int claimsSinceReport;

    QueueViews(int partitions) {
        views = new QueueSnapshot[partitions];
        readAt = new long[partitions];
    }

    /**
     * Reads the views still to be read: with one partition only after a wait (a claim reports the next one); with
     * several, also those older than {@link #MAX_AGE_MS}. A partition that fails to answer is left out of this
     * decision; only when none answers does the round fail.
     */
    void readMissing(long now, IntFunction<QueueSnapshot> read) {
        RuntimeException failure = null;
        int missing = 0;
        for (int p = 0; p < views.length; p++) {
            boolean stale = views.length > 1 && now - readAt[p] > MAX_AGE_MS;
            if (views[p] != null && !stale) continue;
            try {
                reported(p, now, read.apply(p));
            } catch (RuntimeException e) {
                views[p] = null;
                failure = e;
            }
        }
        for (QueueSnapshot s : views) if (s == null) missing++;
        if (missing == views.length) throw failure;
        if (failure != null) LOG.debug("{} of {} partitions unreadable: {}", missing, views.length, failure.toString());
    }

    List<QueueSnapshot> all() {
        return Arrays.asList(views);
    }

    /** The view the policy decides on: the one partition's, or all merged. */
    QueueSnapshot merged(int classes) {
        return views.length == 1 ? views[0] : PartitionQueues.merge(all(), classes);
    }

    QueueSnapshot of(int p) {
        return views[p];
    }

    /** Whether the node holds no view (it waited, or a claim came back short): a wake-up may then claim at once. */
    boolean noneHeld() {
        return views.length == 1 && views[0] == null;
    }

    void forget() {
        Arrays.fill(views, null);
    }

    /** Whether the claim about to go to partition p should ask for a report. */
    boolean reportDue(int p, long now) {
        return now - readAt[p] >= QUEUES_EVERY_MS || ++claimsSinceReport >= QUEUES_EVERY_CLAIMS;
    }

    void reported(int p, long now, QueueSnapshot queues) {
        views[p] = queues;
        readAt[p] = now;
        claimsSinceReport = 0;
    }

    /** After a claim of up to n jobs of class k from partition p, asked with the view {@code before}. */
    void claimed(int p, long now, QueueSnapshot before, int k, int n, JobStore.Claimed out) {
        if (out.queues() != null) {
            reported(p, now, out.queues());
        } else if (before != null && out.jobs().size() == n) {
            views[p] = before.without(k, n); // between reports: the last one, less what this node took
        } else {
            views[p] = null; // fewer than asked for: the class ran dry or others took them; read afresh next round
        }
    }
}
