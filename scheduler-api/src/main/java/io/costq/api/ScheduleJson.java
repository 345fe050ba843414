package io.costq.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.schedule.ScheduleSpec;
import io.costq.core.schedule.ScheduleView;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of recurring schedules: the body of {@code PUT /v1/schedules/{name}} and the schedule as shown. */
public final class ScheduleJson {
    private ScheduleJson() {
    }

    @Schema(name = "PutSchedule", description = "A recurring schedule: every tick of cron in timezone makes one job from job.")
    public record Body(
            @Schema(required = true, description = "Quartz/Spring cron with seconds first (6 fields, or 7 with a year; "
                    + "5 fields mean second 0)", examples = "0 */5 * * * *") String cron,
            @Schema(nullable = true, description = "IANA time zone of the cron; default UTC", examples = "Europe/London") String timezone,
            @Schema(required = true, description = "The submit body of every tick's job (no idempotencyKey, delayMs or runAt)")
            SubmitBody job,
            @Schema(nullable = true, enumeration = {"skip", "allow"}, description = "skip (default): a tick whose last job "
                    + "has not ended makes none; allow: it does", examples = "skip") String overlap,
            @Schema(nullable = true, enumeration = {"none", "one", "all"}, description = "Ticks missed while no API "
                    + "instance ran: none, one (default: the latest) or all", examples = "one") String catchUp) {

        ScheduleSpec toSpec(String name) {
            if (job == null) throw new io.costq.core.InvalidInputException("job", "job (a submit body) is required");
            io.costq.core.client.SubmitRequest request;
            try {
                request = job.toRequest();
            } catch (io.costq.core.InvalidInputException e) {
                throw new io.costq.core.InvalidInputException("job." + e.field(), e.getMessage());
            }
            if (cron == null) throw new io.costq.core.InvalidInputException("cron", "cron is required (e.g. \"0 */5 * * * *\")");
            return new ScheduleSpec(name, cron, timezone, request, ScheduleSpec.parse(ScheduleSpec.Overlap.class, "overlap", overlap),
                    ScheduleSpec.parse(ScheduleSpec.CatchUp.class, "catchUp", catchUp));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Schedule", description = "A recurring schedule with its next and last fire and the last tick's outcome. "
            + "Every field is always present.")
    public record View(
            @Schema(examples = "nightly-report") String name,
            @Schema(examples = "0 0 2 * * *") String cron,
            @Schema(examples = "Europe/London") String timezone,
            @Schema(enumeration = {"skip", "allow"}) String overlap,
            @Schema(enumeration = {"none", "one", "all"}) String catchUp,
            @Schema(ref = "AnyJson", description = "The submit body of its jobs") JsonNode job,
            boolean paused,
            @Schema(format = "date-time", nullable = true, description = "The next tick; null while paused") String nextFire,
            @Schema(format = "date-time", nullable = true, description = "The newest tick that made a job") String lastFire,
            @Schema(nullable = true, enumeration = {"fired", "skipped-overlap", "missed"}, description = "What the newest tick did") String lastOutcome,
            @Schema(nullable = true, description = "The newest job's id") String lastJobId,
            @Schema(nullable = true, description = "The newest job's status now, a JobState (null once past its retention)",
                    examples = "SUCCEEDED") String lastJobStatus,
            @Schema(description = "Ticks that made a job") long fired,
            @Schema(description = "Ticks passed over by overlap skip") long skipped,
            @Schema(description = "Ticks missed while no API instance ran (catchUp none or one)") long missed,
            @Schema(format = "date-time", nullable = true) String createdAt,
            @Schema(format = "date-time", nullable = true) String updatedAt) {

        static View of(ScheduleView v) {
            ScheduleSpec s = v.spec();
            return new View(s.name(), s.cron(), s.timezone(), s.overlap().name().toLowerCase(Locale.ROOT),
                    s.catchUp().name().toLowerCase(Locale.ROOT), ScheduleSpec.jobJson(s.job()), v.paused(), iso(v.nextFireMs()),
                    iso(v.lastFireMs()), v.lastOutcome(), v.lastJobId(), v.lastJobStatus(), v.fired(), v.skipped(), v.missed(),
                    iso(v.createdAtMs()), iso(v.updatedAtMs()));
        }
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
