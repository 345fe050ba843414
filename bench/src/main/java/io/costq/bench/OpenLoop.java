package io.costq.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Fires {@code rate} events per second for {@code seconds}, each at its own scheduled time whether or not earlier
 * ones have finished (open loop), so a slow system cannot slow the arrivals down. The action gets the scheduled
 * time (nanoTime); latencies are measured from it, which keeps coordinated omission out.
 */
final class OpenLoop {
    private OpenLoop() {
    }

    /** Returns the number of events fired. */
    static int run(int rate, int seconds, LongConsumer action) {
        int n = rate * seconds;
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) LockSupport.parkNanos(wait - 100_000);
                else Thread.onSpinWait();
            }
            action.accept(due);
        }
        return n;
    }
}
