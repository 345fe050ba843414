package io.costq.core.schedule;

/**
 * A schedule as the API shows it: its spec, whether it is paused, its next and last fire (epoch ms; null when
 * paused or never) and the last tick's outcome ({@code fired}, {@code skipped-overlap}, {@code missed}) with the
 * last job's id and status (read now: null once it is past its retention).
 */
public record ScheduleView(ScheduleSpec spec, boolean paused, Long nextFireMs, Long lastFireMs, String lastOutcome,
                           String lastJobId, String lastJobStatus, long fired, long skipped, long missed,
                           Long createdAtMs, Long updatedAtMs) {
}
