package io.costq.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.costq.JobHandler} bean as the handler of a job type: the app's worker (when
 * {@code costq.worker.enabled}) runs it, advertises the type and claims its jobs.
 * <pre>{@code
 * @CostqJob("report")
 * class Report implements JobHandler<ReportIn, ReportOut> {
 *     public ReportOut handle(ReportIn in, JobContext ctx) { ... }
 * }
 * }</pre>
 * An application-scoped bean (a stereotype): no other annotation needed.
 */
@Stereotype
@ApplicationScoped
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CostqJob {
    /** The job type: letters, digits, '.', '_' and '-', at most 64. */
    String value();
}
