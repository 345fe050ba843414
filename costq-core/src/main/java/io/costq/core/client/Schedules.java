package io.costq.core.client;

import io.costq.core.InvalidInputException;
import io.costq.core.job.JobView;
import io.costq.core.schedule.ScheduleSpec;
import io.costq.core.schedule.ScheduleView;
import io.costq.core.store.PauseSchedule;
import io.costq.core.store.PutSchedule;
import io.costq.core.store.ScheduleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recurring schedules, the Java API: {@code schedules.put(ScheduleSpec.builder("nightly-report").cron("0 0 2 * * *")
 * .timezone("Europe/London").job(SubmitRequest.of("ops", "http", payload)).build())}. Every tick makes exactly one
 * job cluster-wide ({@link ScheduleTicker}, run by every API instance's {@link Timekeeper}); the jobs carry the
 * schedule's name and are listed by {@link #jobs}.
 */
public final class Schedules {
    /** Jobs listed per call at most. */
    public static final int MAX_LIST = 1_000;

    private final CostqClient client;

    public Schedules(CostqClient client) {
        this.client = client;
    }

    /** The outcome of a put: the schedule as stored, and whether it was new. */
    public record Put(ScheduleView schedule, boolean created) {
    }

    /**
     * Creates or replaces the schedule. Its job is checked as a submit is (a problem names {@code job.<field>});
     * with several partitions its ordering key, if any, must share the schedule's partition. A replaced schedule
     * keeps its next fire while its cron and time zone are unchanged.
     */
    public Put put(ScheduleSpec spec) {
        try {
            client.preparer().validate(spec.job(), Submitter.SDK, false);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("job." + e.field(), e.getMessage());
        }
        var partitions = client.partitions();
        var job = spec.job();
        if ((job.orderingKey() != null || job.channel() != null) && partitions.count() > 1
                && partitions.forJob(null, job.user(), job.orderingKey(), job.channel()) != partitions.forSchedule(spec.name())) {
            String field = job.channel() != null ? "job.channel" : "job.orderingKey";
            throw new InvalidInputException(field, "with several partitions a schedule's jobs may have an ordering key or "
                    + "channel only of the schedule's own partition");
        }
        long now = client.clock().millis();
        long next = spec.ticks().nextAfter(now);
        PutSchedule.Outcome o = store().put(new PutSchedule.Spec(spec.name(), spec.toJson(), spec.cron().trim() + "\n" + spec.timezone(),
                next, spec.overlap().name().toLowerCase(java.util.Locale.ROOT)), now);
        return new Put(get(spec.name()).orElseThrow(), o == PutSchedule.Outcome.CREATED);
    }

    public Optional<ScheduleView> get(String name) {
        return store().get(name).map(s -> view(s, lastStatuses(List.of(s))));
    }

    /** Every schedule, by name. */
    public List<ScheduleView> list() {
        List<ScheduleStore.Stored> all = store().all();
        Map<String, JobView> last = lastStatuses(all);
        List<ScheduleView> out = new ArrayList<>(all.size());
        for (ScheduleStore.Stored s : all) out.add(view(s, last));
        return out;
    }

    /** True when it existed; the jobs it fired stay. */
    public boolean delete(String name) {
        return store().delete(name);
    }

    /** Pauses it (no tick fires); empty when there is no such schedule. */
    public Optional<ScheduleView> pause(String name) {
        return pauseOrResume(name, true, 0);
    }

    /** Resumes it from the next tick after now (ticks passed while paused are not caught up). */
    public Optional<ScheduleView> resume(String name) {
        Optional<ScheduleStore.Stored> s = store().get(name);
        if (s.isEmpty()) return Optional.empty();
        long next = ScheduleSpec.fromJson(name, s.get().specJson()).ticks().nextAfter(client.clock().millis());
        return pauseOrResume(name, false, next);
    }

    private Optional<ScheduleView> pauseOrResume(String name, boolean pause, long next) {
        if (store().pause(name, pause, next, client.clock().millis()) == PauseSchedule.Outcome.NOT_FOUND) return Optional.empty();
        return get(name);
    }

    /** The schedule's newest jobs (newest tick first, at most {@code limit}) that are still kept. */
    public List<JobView> jobs(String name, int limit) {
        return List.copyOf(client.store().jobs(store().jobIds(name, Math.min(limit, MAX_LIST))).values());
    }

    private ScheduleStore store() {
        return client.store().schedules();
    }

    private Map<String, JobView> lastStatuses(List<ScheduleStore.Stored> all) {
        List<String> ids = new ArrayList<>();
        for (ScheduleStore.Stored s : all) if (s.lastJob() != null) ids.add(s.lastJob());
        return client.store().jobs(ids);
    }

    private static ScheduleView view(ScheduleStore.Stored s, Map<String, JobView> last) {
        JobView j = s.lastJob() == null ? null : last.get(s.lastJob());
        return new ScheduleView(ScheduleSpec.fromJson(s.name(), s.specJson()), s.paused(), s.paused() ? null : s.nextFire(),
                s.lastFire(), s.lastOutcome(), s.lastJob(), j == null ? null : j.status().name(), s.fired(), s.skipped(), s.missed(),
                s.createdAt(), s.updatedAt());
    }
}
