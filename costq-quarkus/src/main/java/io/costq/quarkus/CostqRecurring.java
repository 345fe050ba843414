package io.costq.quarkus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A recurring schedule of a {@link CostqJob} handler's type, put (created or replaced) at start-up when
 * {@code costq.schedules.enabled}: every tick of {@link #cron()} makes one job of the handler's type, submitted as
 * {@link #user()} with no payload.
 * <pre>{@code
 * @CostqJob("report")
 * @CostqRecurring(name = "nightly-report", cron = "0 0 2 * * *", user = "ops")
 * class Report implements JobHandler<ReportIn, ReportOut> { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CostqRecurring {
    /** The schedule's name: letters, digits, '.', '_' and '-', at most 100. */
    String name();

    /** Spring (6 fields, seconds first), Quartz or classic 5-field cron. */
    String cron();

    /** The user each tick's job is submitted as. */
    String user();

    /** An IANA zone. */
    String timezone() default "UTC";
}
