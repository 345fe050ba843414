package io.costq.model.sim;

import java.util.Locale;

/**
 * A job's lane (issue 18): interactive work (logins) or batch work (exports). In the queues a lane is only a score
 * offset — score = queued-at + the lane's offset ({@link FifoClassQueues}) — as the production store orders it.
 */
public enum Lane {
    INTERACTIVE, BATCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lane parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
