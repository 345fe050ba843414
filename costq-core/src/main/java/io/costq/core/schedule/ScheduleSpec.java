package io.costq.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.InvalidInputException;
import io.costq.core.client.SubmitRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A recurring schedule: every tick of {@code cron} in {@code timezone} makes one job from {@code job}.
 *
 * @param overlap {@code SKIP}: a tick whose schedule's last job has not ended makes none; {@code ALLOW}: it does
 * @param catchUp ticks missed while no API instance ran (or Redis was down): {@code NONE} none of them (and the
 *                latest only when it is within the misfire grace), {@code ONE} the latest, {@code ALL} every one
 */
public record ScheduleSpec(String name, String cron, String timezone, SubmitRequest job, Overlap overlap, CatchUp catchUp) {
    public enum Overlap { SKIP, ALLOW }

    public enum CatchUp { NONE, ONE, ALL }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the schedule's own fields (the job is checked as a submit is, by {@code Schedules}). */
    public ScheduleSpec {
        if (name == null || !NAME.matcher(name).matches()) throw new InvalidInputException("name", "name must match " + NAME);
        if (timezone == null) timezone = "UTC";
        CronTicks.of(cron, timezone);
        if (job == null) throw new InvalidInputException("job", "job (a submit body) is required");
        if (job.idempotencyKey() != null) throw new InvalidInputException("job.idempotencyKey", "a schedule's jobs are keyed by their tick; no idempotencyKey");
        if (job.delayMs() != null) throw new InvalidInputException("job.delayMs", "a schedule's job runs at its tick; no delayMs");
        if (job.runAt() != null) throw new InvalidInputException("job.runAt", "a schedule's job runs at its tick; no runAt");
        if (overlap == null) overlap = Overlap.SKIP;
        if (catchUp == null) catchUp = CatchUp.ONE;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public CronTicks ticks() {
        return CronTicks.of(cron, timezone);
    }

    /** An enum value from its lower-case name, or a 400 naming {@code field}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null) return null;
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) allowed.append(allowed.length() == 0 ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            throw new InvalidInputException(field, field + " must be " + allowed);
        }
    }

    /** As stored: the schedule's fields and its job as a submit body. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode().put("cron", cron).put("timezone", timezone)
                .put("overlap", overlap.name().toLowerCase(Locale.ROOT)).put("catchUp", catchUp.name().toLowerCase(Locale.ROOT));
        n.set("job", jobJson(job));
        return n.toString();
    }

    public static ScheduleSpec fromJson(String name, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new ScheduleSpec(name, n.path("cron").asText(), n.path("timezone").asText("UTC"), job(n.path("job")),
                    parse(Overlap.class, "overlap", n.path("overlap").asText()), parse(CatchUp.class, "catchUp", n.path("catchUp").asText()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("schedule " + name + " is stored unreadable", e);
        }
    }

    /** The job template as a submit body (the fields a schedule's job may have). */
    public static ObjectNode jobJson(SubmitRequest r) {
        ObjectNode n = JSON.createObjectNode().put("user", r.user()).put("type", r.type());
        if (r.payload() != null) n.set("payload", r.payload());
        if (r.maxAttempts() != null) n.put("maxAttempts", r.maxAttempts());
        if (r.timeoutMs() != null) n.put("timeoutMs", r.timeoutMs());
        if (r.startWithinMs() != null) n.put("startWithinMs", r.startWithinMs());
        if (r.orderingKey() != null) n.put("orderingKey", r.orderingKey());
        if (r.channel() != null) n.put("channel", r.channel());
        if (r.awaitAck() != null) n.put("awaitAck", r.awaitAck());
        if (r.ackTimeoutMs() != null) n.put("ackTimeoutMs", r.ackTimeoutMs());
        if (r.lane() != null) n.put("lane", r.lane());
        if (r.costKey() != null) n.put("costKey", r.costKey());
        return n;
    }

    private static SubmitRequest job(JsonNode n) {
        return new SubmitRequest(text(n, "user"), text(n, "type"), n.get("payload"), null, n.has("maxAttempts") ? n.get("maxAttempts").asInt() : null,
                longOf(n, "timeoutMs"), longOf(n, "startWithinMs"), text(n, "orderingKey"), text(n, "channel"),
                n.has("awaitAck") ? n.get("awaitAck").asBoolean() : null, longOf(n, "ackTimeoutMs"), null, null, text(n, "lane"),
                text(n, "costKey"));
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    private static Long longOf(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asLong() : null;
    }

    /** A typed builder: {@code ScheduleSpec.builder("nightly").cron("0 0 2 * * *").timezone("Europe/London").job(r).build()}. */
    public static final class Builder {
        private final String name;
        private String cron;
        private String timezone = "UTC";
        private SubmitRequest job;
        private Overlap overlap = Overlap.SKIP;
        private CatchUp catchUp = CatchUp.ONE;

        private Builder(String name) {
            this.name = name;
        }

        public Builder cron(String c) {
            cron = c;
            return this;
        }

        public Builder timezone(String z) {
            timezone = z;
            return this;
        }

        public Builder job(SubmitRequest j) {
            job = j;
            return this;
        }

        public Builder overlap(Overlap o) {
            overlap = o;
            return this;
        }

        public Builder catchUp(CatchUp c) {
            catchUp = c;
            return this;
        }

        public ScheduleSpec build() {
            return new ScheduleSpec(name, cron, timezone, job, overlap, catchUp);
        }
    }
}
