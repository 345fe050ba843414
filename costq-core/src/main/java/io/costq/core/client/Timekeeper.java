package io.costq.core.client;

import io.costq.model.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's timer for time-based work: every {@code everyMs} it promotes due delayed jobs ({@link DuePromoter}) and
 * fires due schedule ticks ({@link ScheduleTicker}). Every API instance runs one; the scripts make running several
 * harmless (no double promotion, exactly one job per tick). Tests call {@link #tickOnce} with a stepped clock.
 */
public final class Timekeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Timekeeper.class);

    private final CostqClient client;
    private final DuePromoter promoter;
    private final ScheduleTicker ticker;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    public Timekeeper(CostqClient client, ScheduleTicker.Settings settings, Clock clock) {
        this.client = client;
        this.promoter = new DuePromoter(client);
        this.ticker = new ScheduleTicker(client, settings);
        this.clock = clock;
    }

    /** What one round did. */
    public record Round(long promoted, ScheduleTicker.Round ticks) {
    }

    /** One round at the clock's now: due delayed jobs, then due ticks. */
    public Round tickOnce() {
        long now = clock.millis();
        long promoted = promoter.promoteOnce(now);
        return new Round(promoted, ticker.tickOnce(now));
    }

    /**
     * Runs rounds on its own thread until {@link #close}: the next round at the earliest due time of any delayed
     * job or tick, but at least every {@code everyMs} (a job submitted meanwhile is promoted at most that late).
     */
    public synchronized void start(long everyMs) {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "costq-timekeeper");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> round(everyMs), everyMs, TimeUnit.MILLISECONDS);
    }

    private void round(long everyMs) {
        long delay = everyMs;
        try {
            tickOnce();
            long wait = client.store().schedules().earliestDue() - clock.millis();
            // something still due after a round (a backlog, or a tick that keeps failing): the usual period, no spin
            if (wait > 0) delay = Math.min(everyMs, wait);
        } catch (RuntimeException e) {
            LOG.debug("timekeeper round failed: {}", e.toString());
        }
        ScheduledExecutorService t = timer;
        try {
            if (t != null && !t.isShutdown()) t.schedule(() -> round(everyMs), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    @Override
    public synchronized void close() {
        if (timer == null) return;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }
}
