package io.costq.core.client;

import io.costq.core.schedule.CronTicks;
import io.costq.core.schedule.ScheduleSpec;
import io.costq.core.store.FireSchedule;
import io.costq.core.store.NewJob;
import io.costq.core.store.ScheduleStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the due ticks of recurring schedules. For each schedule whose next fire has come it decides, by the
 * schedule's {@code catchUp}, which tick to fire and which were missed, prepares the tick's job (estimated now) and
 * hands both to {@code fireSchedule}, which creates the job only if the schedule's next fire is still the one read
 * here: so any number of tickers (API instances, restarts) make exactly one job per tick.
 */
public final class ScheduleTicker {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);
    /** Due schedules read per partition per round. */
    private static final int DUE_LIMIT = 100;
    /** Ticks one schedule fires in a round (catchUp all after a long stop: the rest in the next rounds). */
    private static final int MAX_TICKS_PER_ROUND = 100;
    /** Missed ticks counted one by one at most; beyond, the count is a lower bound. */
    private static final int MAX_COUNTED = 100_000;

    /**
     * @param misfireMs with catchUp none, the latest due tick still fires when at most this late
     * @param jobsKept  jobs listed per schedule ({@code GET /v1/jobs?schedule=})
     */
    public record Settings(long misfireMs, int jobsKept) {
        public static final Settings DEFAULT = new Settings(5_000, 1_000);

        public Settings {
            if (misfireMs < 0) throw new IllegalArgumentException("misfireMs must be >= 0");
            if (jobsKept < 1) throw new IllegalArgumentException("jobsKept must be >= 1");
        }
    }

    /** What one round did: jobs created, ticks that made none (overlap, missed), ticks another ticker fired first. */
    public record Round(long fired, long skipped, long lost) {
    }

    private final CostqClient client;
    private final Settings settings;
    private final java.util.Map<String, Long> warned = new java.util.concurrent.ConcurrentHashMap<>();

    public ScheduleTicker(CostqClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public Round tickOnce(long nowMs) {
        long fired = 0, skipped = 0, lost = 0;
        for (ScheduleStore.Stored s : client.store().schedules().due(nowMs, DUE_LIMIT)) {
            try {
                ScheduleSpec spec = ScheduleSpec.fromJson(s.name(), s.specJson());
                long next = s.nextFire();
                for (int i = 0; i < MAX_TICKS_PER_ROUND && next <= nowMs; i++) {
                    Step step = step(spec, next, nowMs);
                    FireSchedule.Outcome o = client.store().schedules().fire(new FireSchedule.Tick(s.name(), next, step.tick, step.newNext,
                            nowMs, step.missed, step.tick == null ? null : job(spec, step.tick)), settings.jobsKept());
                    if (o == FireSchedule.Outcome.FIRED) fired++;
                    else if (o == FireSchedule.Outcome.SKIPPED) skipped++;
                    else {
                        lost++; // another ticker fired it (or it was paused, replaced or deleted meanwhile): it owns the rest
                        break;
                    }
                    next = step.newNext;
                }
            } catch (RuntimeException e) {
                // a tick that cannot be made (its job type or lane no longer configured, Redis away) is retried
                // every round; say so once a minute, not every round
                Long last = warned.get(s.name());
                if (last == null || nowMs - last >= 60_000) {
                    warned.put(s.name(), nowMs);
                    LOG.warn("schedule {}: tick {} not fired: {}", s.name(), s.nextFire(), e.toString());
                }
            }
        }
        return new Round(fired, skipped, lost);
    }

    /** Which tick to fire now (null: none), which next fire follows, and how many due ticks pass without a job. */
    private record Step(Long tick, long newNext, long missed) {
    }

    private Step step(ScheduleSpec spec, long next, long nowMs) {
        CronTicks ticks = spec.ticks();
        if (spec.catchUp() == ScheduleSpec.CatchUp.ALL) return new Step(next, ticks.nextAfter(next), 0);
        Long latest = ticks.lastAtOrBefore(nowMs);
        if (latest == null || latest < next) latest = next; // next is due but off the cron (timing replaced): fire it
        long due = count(ticks, next, latest);
        boolean onTime = nowMs - latest <= settings.misfireMs();
        if (spec.catchUp() == ScheduleSpec.CatchUp.ONE || onTime) return new Step(latest, ticks.nextAfter(latest), due - 1);
        return new Step(null, ticks.nextAfter(latest), due);
    }

    /** Ticks from {@code from} to {@code to}, both included (from is due). */
    private static long count(CronTicks ticks, long from, long to) {
        long n = 1;
        for (long t = ticks.nextAfter(from); t <= to && n < MAX_COUNTED; t = ticks.nextAfter(t)) n++;
        return n;
    }

    /** The tick's job, estimated now, in the schedule's partition. */
    private NewJob job(ScheduleSpec spec, long tick) {
        SubmitPreparer prep = client.preparer();
        SubmitPreparer.Validated v = prep.validate(spec.job(), Submitter.SDK, false);
        var r = spec.job();
        io.costq.core.store.History h = io.costq.core.store.History.of(r.user(), r.type(), r.costKey());
        List<Long> history = client.store().histories(List.of(h), prep.historyWindow()).get(h).join();
        return prep.prepareIn(v, history, client.store().schedules().partitionOf(spec.name()));
    }
}
