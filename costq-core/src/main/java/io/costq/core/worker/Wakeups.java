package io.costq.core.worker;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The wake channel's messages as {@link WorkerEngine} reads them, and the queue view a wake-up stands for. */
final class Wakeups {
    /** A wake-up for a type this node does not handle: another type's workers take it. */
    static final int NOT_OURS = -2;
    /** The estimate a woken node assumes for the head it was woken for (an hour: only a node with room takes it). */
    static final long HEAD_ESTIMATE_MS = 3_600_000;

    private Wakeups() {
    }

    /**
     * {@code class:type} when a queue turned non-empty: the class, or {@link #NOT_OURS} unless {@code types} has the
     * type; a word (requeued or retried jobs): -1.
     */
    static int classOf(String msg, List<String> types) {
        int colon = msg == null ? -1 : msg.indexOf(':');
        if (colon >= 0 && !types.contains(msg.substring(colon + 1))) return NOT_OURS;
        return wakeClass(colon >= 0 ? msg.substring(0, colon) : msg);
    }

    /** The class a wake-up message's class part names, or -1 (other wake-ups: requeued or retried jobs). */
    static int wakeClass(String msg) {
        if (msg == null || msg.isEmpty() || msg.length() > 2) return -1;
        for (int i = 0; i < msg.length(); i++) if (!Character.isDigit(msg.charAt(i))) return -1;
        return Integer.parseInt(msg);
    }

    /** Class {@code k} with one just-queued head of unknown length ({@link #HEAD_ESTIMATE_MS}), the others empty. */
    static QueueSnapshot onlyHead(int k, int classes, long now) {
        List<ClassQueue> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) out.add(c == k ? new ClassQueue(c, 1, now, HEAD_ESTIMATE_MS) : ClassQueue.empty(c));
        return new QueueSnapshot(out);
    }
}
