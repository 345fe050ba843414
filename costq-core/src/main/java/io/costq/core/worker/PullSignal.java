package io.costq.core.worker;

/**
 * Wakes {@link WorkerEngine}'s pull loop: a run ended, a wake-up message came, settings changed or the node stops. A
 * signal given while the loop was busy is kept, so the next wait returns at once.
 */
final class PullSignal {
    private final Object lock = new Object();
    private boolean signalled;

    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits up to {@code ms} unless a signal came since the last wait (or {@code waitAtAll} is false), and clears it.
     * Returns false when the thread was interrupted (the loop stops).
     */
    boolean await(long ms, boolean waitAtAll) {
        synchronized (lock) {
            try {
                if (!signalled && waitAtAll) lock.wait(ms);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                signalled = false;
            }
        }
    }
}
