package io.costq.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition a test cannot be told about directly (a heartbeat seen, a run ended, a page updated): polls it
 * through {@link Launchers#poll} and fails naming what it waited for. The one poll loop the tests share.
 */
public final class Await {
    private static final long EVERY_MS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; throws an AssertionError naming {@code what} when it does not within {@code max}. */
    public static void until(String what, Duration max, BooleanSupplier condition) {
        if (Launchers.poll(max.toMillis(), EVERY_MS, () -> condition.getAsBoolean() ? java.util.Optional.of(true) : java.util.Optional.empty()).isEmpty()) {
            throw new AssertionError("waited " + max.toMillis() + " ms for " + what);
        }
    }
}
