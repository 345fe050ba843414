package io.costq.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.CompleteJob;
import io.costq.core.redis.FailJob;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on the calling thread: the handler under its timeout, then the matching transition
 * (complete, fail-and-retry, or nothing when the lease was lost, since another owner may hold the job now).
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CostqSettings settings;
    private final JobTypes types;
    private final CompleteJob complete;
    private final FailJob fail;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final WorkerListener listener;
    private final int historyWindow;

    JobRunner(CostqSettings settings, JobTypes types, CompleteJob complete, FailJob fail, Backoff backoff, Clock clock,
              ScheduledExecutorService timers, WorkerListener listener) {
        this.settings = settings;
        this.types = types;
        this.complete = complete;
        this.fail = fail;
        this.backoff = backoff;
        this.clock = clock;
        this.timers = timers;
        this.listener = listener;
        this.historyWindow = settings.estimator().window();
    }

    void run(RunningJob r) {
        ClaimedJob job = r.job;
        long t0 = System.nanoTime();
        Object result = null;
        Throwable error = null;
        ScheduledFuture<?> timeout = timers.schedule(() -> r.stop(RunningJob.Stop.TIMEOUT), job.timeoutMs(), TimeUnit.MILLISECONDS);
        r.attach(Thread.currentThread());
        try {
            JobType type = types.find(job.type())
                    .orElseThrow(() -> new JobType.PermanentFailure("no handler for job type '" + job.type() + "' on this node"));
            JsonNode payload = JSON.readTree(job.payloadJson());
            result = type.run(new JobContext(job.id(), job.user(), job.type(), payload, job.attempt(),
                    r.startedMs + job.timeoutMs()));
        } catch (Throwable t) {
            error = t;
        } finally {
            timeout.cancel(false);
            r.detach();
            Thread.interrupted(); // the handler's interrupt must not leak into the Redis call below
        }
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        record(r, result, error, runMs);
    }

    private void record(RunningJob r, Object result, Throwable error, long runMs) {
        ClaimedJob job = r.job;
        RunningJob.Stop stop = r.stopReason();
        if (stop == RunningJob.Stop.LEASE_LOST || stop == RunningJob.Stop.SHUTDOWN && error != null) {
            LOG.info("job {} stopped ({}) after {} ms; left to its lease", job.id(), stop, runMs);
            listener.finished(job, "abandoned", runMs);
            return;
        }
        long now = clock.millis();
        long retention = settings.jobs().retentionMs();
        String outcome;
        if (stop == RunningJob.Stop.CANCELLED) {
            outcome = name(complete.run(job, CompleteJob.End.CANCELLED, "cancelled while running", now, runMs,
                    historyWindow, retention), "cancelled");
        } else if (error == null) {
            outcome = name(complete.run(job, CompleteJob.End.SUCCEEDED, json(result), now, runMs, historyWindow, retention),
                    "succeeded");
        } else if (error instanceof JobType.PermanentFailure) {
            outcome = name(complete.run(job, CompleteJob.End.FAILED, message(error), now, runMs, historyWindow, retention),
                    "failed");
        } else {
            String why = stop == RunningJob.Stop.TIMEOUT ? "timed out after " + job.timeoutMs() + " ms" : message(error);
            long retryAt = now + backoff.delayMs(job.attempt());
            FailJob.Outcome o = fail.run(job, why, now, retryAt, runMs, retention);
            outcome = switch (o) {
                case RETRY_SCHEDULED -> "retried";
                case DEAD -> "dead";
                default -> "stale";
            };
        }
        if (outcome.equals("stale")) listener.staleCompletion(job.id());
        listener.finished(job, outcome, runMs);
    }

    private static String name(CompleteJob.Outcome o, String done) {
        return o == CompleteJob.Outcome.DONE ? done : "stale";
    }

    private static String json(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (Exception e) {
            return "\"" + String.valueOf(result).replace("\"", "'") + "\"";
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return text.length() > 2_000 ? text.substring(0, 2_000) : text;
    }
}
