package io.costq.core.partition;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the time is up. */
final class WorkerEngineTestAccess {
    private WorkerEngineTestAccess() {
    }

    static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + timeoutMs + " ms");
            Thread.sleep(10);
        }
    }
}
