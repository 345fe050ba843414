package io.costq.core.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition a test cannot be told about directly (a heartbeat seen, a run ended, a page updated): polls it
 * through {@link Launchers#poll} and fails naming what it waited for. The one poll loop the tests share. A probe that
 * throws a RuntimeException counts as "not yet".
 */
public final class Await {
    private static final long EVERY_MS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; throws an AssertionError naming {@code what} when it does not within {@code max}. */
    public static void until(String what, Duration max, BooleanSupplier condition) {
        value(what, max, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** Returns the first value {@code probe} answers; throws an AssertionError naming {@code what} when none comes within {@code max}. */
    public static <T> T value(String what, Duration max, Supplier<Optional<T>> probe) {
        return Launchers.poll(max.toMillis(), EVERY_MS, probe)
                .orElseThrow(() -> new AssertionError("waited " + max.toMillis() + " ms for " + what));
    }
}
