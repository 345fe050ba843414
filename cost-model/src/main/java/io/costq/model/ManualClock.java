package io.costq.model;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A settable clock for tests and simulations: time moves only when told to. */
public final class ManualClock implements Clock {
    private final AtomicLong now;

    public ManualClock(long startMillis) {
        this.now = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return now.get();
    }

    public void tick(Duration d) {
        now.addAndGet(d.toMillis());
    }

    public void set(long millis) {
        now.set(millis);
    }
}
