package io.costq.core.schedule;

import io.costq.core.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.ScheduleTicker;
import io.costq.core.client.Schedules;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Timekeeper;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import io.costq.core.store.Claim;
import io.costq.core.store.Keys;
import io.costq.core.testing.CountingType;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Recurring schedules on a real redis-server with a stepped clock: each tick makes exactly one job whatever the
 * number of schedulers (API instances) and their restarts; catchUp decides what a full stop's missed ticks make;
 * overlap skip passes over ticks while the last job has not ended.
 */
class RecurringSchedulesTest {
    private static final long T0 = 1_700_000_000_000L; // a whole second
    private final RedissonClient redis = TestRedis.client();
    private final ManualClock clock = new ManualClock(T0);
    private final CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
    private final CountingType counting = new CountingType();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<WorkerEngine> workers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        workers.forEach(WorkerEngine::crash);
        for (AutoCloseable c : open) c.close();
    }

    /** One API instance's scheduling component: its own client (connection state, preparer) and timekeeper. */
    private Timekeeper apiInstance(long misfireMs) {
        CostqClient c = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), clock);
        open.add(c);
        return new Timekeeper(c, new ScheduleTicker.Settings(misfireMs, 1_000), clock);
    }

    private Schedules schedules() {
        CostqClient c = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), clock);
        open.add(c);
        return new Schedules(c);
    }

    private static ScheduleSpec every(String name, String cron, ScheduleSpec.Overlap overlap, ScheduleSpec.CatchUp catchUp) {
        return ScheduleSpec.builder(name).cron(cron).timezone("UTC").job(SubmitRequest.of("sched-user", "count", null))
                .overlap(overlap).catchUp(catchUp).build();
    }

    /** The schedule's jobs by tick (read from each job's stored tick). */
    private Map<Long, List<String>> jobsByTick(Schedules s, String name) {
        Map<Long, List<String>> out = new TreeMap<>();
        Keys keys = new Keys(settings.keyPrefix(), 0);
        for (JobView j : s.jobs(name, 1_000)) {
            assertThat(j.schedule()).isEqualTo(name);
            long tick = Long.parseLong(redis.<String, String>getMap(keys.job(j.id()), StringCodec.INSTANCE).get("tick"));
            out.computeIfAbsent(tick, t -> new ArrayList<>()).add(j.id());
        }
        return out;
    }

    private void startWorkers(int n) {
        for (int i = 1; i <= n; i++) {
            WorkerEngine w = new WorkerEngine(redis, settings, new WorkerSettings("w" + i, 8, 4, 100, 1_000, "", 2_000),
                    JobTypes.builtIns().register(counting), () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
            workers.add(w);
            w.start();
        }
    }

    @Test
    void aScheduleTickingEverySecondForSixtySecondsWithTwoSchedulersOneRestartedMakesExactlyOneJobPerTick() throws Exception {
        Schedules s = schedules();
        s.put(every("pulse", "* * * * * *", ScheduleSpec.Overlap.ALLOW, ScheduleSpec.CatchUp.ALL));
        startWorkers(3);
        Timekeeper a = apiInstance(5_000);
        Timekeeper b = apiInstance(5_000);
        for (int second = 1; second <= 60; second++) {
            clock.tick(Duration.ofMillis(500));
            race(a, b); // half-way between ticks: nothing is due
            clock.tick(Duration.ofMillis(500));
            if (second == 20) b = null;                 // instance b stops ...
            if (second == 40) b = apiInstance(5_000);   // ... and a new one starts on the same Redis
            race(a, b);
            if (second % 7 == 0) race(a, b);            // rounds repeated at the same instant fire nothing more
        }
        Map<Long, List<String>> byTick = jobsByTick(s, "pulse");
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 60; i++) expected.add(T0 + i * 1_000L);
        assertThat(byTick.keySet()).as("one job for every tick, none missing").containsExactlyElementsOf(expected);
        assertThat(byTick.values()).as("none doubled").allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(s.get("pulse").orElseThrow().fired()).isEqualTo(60);

        List<String> ids = byTick.values().stream().map(l -> l.get(0)).toList();
        await(() -> ids.stream().allMatch(id -> counting.finishes(id) == 1));
        assertThat(ids).allSatisfy(id -> assertThat(counting.starts(id)).as("runs of " + id).isEqualTo(1));
    }

    /** Both instances run a round at the same instant, on two threads. */
    private static void race(Timekeeper a, Timekeeper b) {
        if (b == null) {
            a.tickOnce();
            return;
        }
        CompletableFuture<Timekeeper.Round> other = CompletableFuture.supplyAsync(b::tickOnce);
        a.tickOnce();
        other.join();
    }

    @Test
    void catchUpNoneOneAndAllAcrossAFullStop() {
        Schedules s = schedules();
        for (ScheduleSpec.CatchUp c : ScheduleSpec.CatchUp.values()) {
            s.put(every("every10-" + c, "*/10 * * * * *", ScheduleSpec.Overlap.ALLOW, c));
        }
        Timekeeper before = apiInstance(1_000);
        clock.tick(Duration.ofSeconds(10));
        before.tickOnce(); // tick 10 fires for all three
        // everything stops for 35 s: ticks 20, 30 and 40 pass unseen; the restart is 5 s after the last of them
        clock.tick(Duration.ofSeconds(35));
        Timekeeper after = apiInstance(1_000);
        after.tickOnce();

        assertThat(jobsByTick(s, "every10-NONE").keySet()).containsExactly(T0 + 10_000);
        assertThat(jobsByTick(s, "every10-ONE").keySet()).containsExactly(T0 + 10_000, T0 + 40_000);
        assertThat(jobsByTick(s, "every10-ALL").keySet()).containsExactly(T0 + 10_000, T0 + 20_000, T0 + 30_000, T0 + 40_000);
        assertThat(s.get("every10-NONE").orElseThrow().missed()).isEqualTo(3);
        assertThat(s.get("every10-ONE").orElseThrow().missed()).isEqualTo(2);
        assertThat(s.get("every10-ALL").orElseThrow().missed()).isZero();

        clock.tick(Duration.ofSeconds(5)); // tick 50, on time: every policy fires it
        after.tickOnce();
        for (ScheduleSpec.CatchUp c : ScheduleSpec.CatchUp.values()) {
            assertThat(jobsByTick(s, "every10-" + c)).containsKey(T0 + 50_000);
            assertThat(s.get("every10-" + c).orElseThrow().nextFireMs()).isEqualTo(T0 + 60_000);
        }
    }

    @Test
    void overlapSkipPassesOverTicksWhileTheLastJobHasNotEnded() {
        Schedules s = schedules();
        s.put(every("slow", "* * * * * *", ScheduleSpec.Overlap.SKIP, ScheduleSpec.CatchUp.ALL));
        Timekeeper t = apiInstance(5_000);
        CostqClient c = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), clock);
        open.add(c);

        clock.tick(Duration.ofSeconds(1));
        t.tickOnce();
        String first = s.get("slow").orElseThrow().lastJobId();
        var claimed = c.store().claim(0, new Claim(c.get(first).orElseThrow().costClass(), 1, "n1", clock.millis(), 60_000, false)).jobs();
        assertThat(claimed).hasSize(1);
        clock.tick(Duration.ofSeconds(1));
        t.tickOnce(); // the first job still runs: no job for tick 2
        clock.tick(Duration.ofSeconds(1));
        t.tickOnce(); // nor for tick 3
        ScheduleView v = s.get("slow").orElseThrow();
        assertThat(v.fired()).isEqualTo(1);
        assertThat(v.skipped()).isEqualTo(2);
        assertThat(v.lastOutcome()).isEqualTo("skipped-overlap");
        assertThat(v.lastJobStatus()).isEqualTo("RUNNING");

        c.store().complete(List.of(new io.costq.core.store.Ending(claimed.get(0), io.costq.core.store.Ending.End.SUCCEEDED, "{}", 5)),
                clock.millis()).get(0).join();
        clock.tick(Duration.ofSeconds(1));
        t.tickOnce(); // ended: tick 4 fires
        assertThat(jobsByTick(s, "slow").keySet()).containsExactly(T0 + 1_000, T0 + 4_000);
        assertThat(s.get("slow").orElseThrow().lastOutcome()).isEqualTo("fired");
    }

    @Test
    void aPausedScheduleFiresNothingAndResumesFromTheNextTick() {
        Schedules s = schedules();
        s.put(every("p", "* * * * * *", ScheduleSpec.Overlap.ALLOW, ScheduleSpec.CatchUp.ALL));
        Timekeeper t = apiInstance(5_000);
        assertThat(s.pause("p").orElseThrow().paused()).isTrue();
        clock.tick(Duration.ofSeconds(5));
        t.tickOnce();
        assertThat(jobsByTick(s, "p")).isEmpty();
        assertThat(s.resume("p").orElseThrow().nextFireMs()).isEqualTo(T0 + 6_000);
        clock.tick(Duration.ofSeconds(1));
        t.tickOnce();
        assertThat(jobsByTick(s, "p").keySet()).containsExactly(T0 + 6_000);
        assertThat(s.delete("p")).isTrue();
        assertThat(s.get("p")).isEmpty();
        assertThat(s.delete("p")).isFalse();
    }

    @Test
    void replacingAScheduleKeepsItsNextFireWhileItsTimingIsUnchanged() {
        Schedules s = schedules();
        assertThat(s.put(every("r", "*/10 * * * * *", ScheduleSpec.Overlap.ALLOW, ScheduleSpec.CatchUp.ONE)).created()).isTrue();
        clock.tick(Duration.ofSeconds(3));
        var replaced = s.put(every("r", "*/10 * * * * *", ScheduleSpec.Overlap.SKIP, ScheduleSpec.CatchUp.ONE));
        assertThat(replaced.created()).isFalse();
        assertThat(replaced.schedule().nextFireMs()).isEqualTo(T0 + 10_000);
        assertThat(replaced.schedule().spec().overlap()).isEqualTo(ScheduleSpec.Overlap.SKIP);
        assertThat(s.put(every("r", "*/5 * * * * *", ScheduleSpec.Overlap.SKIP, ScheduleSpec.CatchUp.ONE)).schedule().nextFireMs())
                .isEqualTo(T0 + 5_000);
        assertThat(s.list()).extracting(v -> v.spec().name()).containsExactly("r");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Await.until("the ticks' jobs to run", java.time.Duration.ofSeconds(30), condition);
    }
}
