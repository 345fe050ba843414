package io.costq.core.worker;

import io.costq.core.CostqSettings.RetrySettings;
import java.util.SplittableRandom;

/** Exponential backoff with jitter: attempt n waits a uniform delay in [d/2, d], d = min(max, base * 2^(n-1)). */
public final class Backoff {
    private final RetrySettings settings;
    private final SplittableRandom random;

    public Backoff(RetrySettings settings, long seed) {
        this.settings = settings;
        this.random = new SplittableRandom(seed);
    }

    public synchronized long delayMs(int attempt) {
        int shift = Math.max(0, Math.min(attempt - 1, 30));
        long d = Math.min(settings.maxMs(), settings.baseMs() << shift);
        if (d <= 1) return d;
        return d / 2 + random.nextLong(d - d / 2 + 1);
    }
}
