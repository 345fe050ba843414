package io.costq.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.costq.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The ticks of a cron expression in a time zone, by cron-utils. Accepted: Spring style (6 fields, seconds first,
 * {@code *} in both day fields allowed), Quartz style (6 or 7 fields, {@code ?} and year), and the classic 5 fields
 * (then at second 0). Daylight-saving changes follow the zone's rules as cron-utils applies them.
 */
public final class CronTicks {
    private static final CronParser SPRING = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronTicks(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /** Parses both; a bad one throws {@link InvalidInputException} naming {@code cron} or {@code timezone}. */
    public static CronTicks of(String cron, String timezone) {
        return new CronTicks(ExecutionTime.forCron(parse(cron)), zone(timezone));
    }

    static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) throw new InvalidInputException("timezone", "timezone is required (e.g. UTC, Europe/London)");
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "unknown timezone '" + timezone + "' (an IANA zone such as Europe/London, or UTC)");
        }
    }

    static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) throw new InvalidInputException("cron", "cron is required (e.g. \"0 */5 * * * *\")");
        if (expression.length() > 200) throw new InvalidInputException("cron", "cron is longer than 200 characters");
        String e = expression.trim();
        if (e.split("\\s+").length == 5) e = "0 " + e; // the classic five fields: at second 0
        try {
            return SPRING.parse(e).validate();
        } catch (IllegalArgumentException spring) {
            try {
                return QUARTZ.parse(e).validate();
            } catch (IllegalArgumentException quartz) {
                throw new InvalidInputException("cron", "invalid cron '" + expression + "': " + spring.getMessage());
            }
        }
    }

    /** The first tick strictly after {@code ms}; Long.MAX_VALUE when there is none (a past year). */
    public long nextAfter(long ms) {
        Optional<ZonedDateTime> t = times.nextExecution(at(ms));
        return t.map(z -> z.toInstant().toEpochMilli()).orElse(Long.MAX_VALUE);
    }

    /** The last tick at or before {@code ms}, or null. */
    public Long lastAtOrBefore(long ms) {
        Optional<ZonedDateTime> t = times.lastExecution(at(ms + 1));
        return t.map(z -> z.toInstant().toEpochMilli()).orElse(null);
    }

    private ZonedDateTime at(long ms) {
        return Instant.ofEpochMilli(ms).atZone(zone);
    }
}
