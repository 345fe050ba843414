package io.costq.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.job.ClaimedJob;
import io.costq.core.store.CompleteJobs;
import io.costq.core.store.Ending;
import io.costq.core.store.FailJob;
import io.costq.core.store.JobStore;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on the calling thread: the handler under its timeout, then the matching transition
 * (complete, fail-and-retry, or nothing when the lease was lost, since another owner may hold the job now).
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobTypes types;
    private final CompletionBatcher batcher;
    private final JobStore store;
    private volatile Backoff backoff;
    private final Clock clock;
    private final WorkerListener listener;

    JobRunner(JobTypes types, CompletionBatcher batcher, JobStore store, Backoff backoff, Clock clock, WorkerListener listener) {
        this.types = types;
        this.batcher = batcher;
        this.store = store;
        this.backoff = backoff;
        this.clock = clock;
        this.listener = listener;
    }

    void setBackoff(Backoff next) {
        this.backoff = next;
    }

    /**
     * Runs the handler on the calling thread, then records the run's end; {@code recorded} is called exactly once,
     * when the end is recorded (possibly later, on the batcher's thread) or given up.
     */
    void run(RunningJob r, Runnable recorded) {
        ClaimedJob job = r.job;
        long t0 = System.nanoTime();
        Object result = null;
        Throwable error = null;
        // enforced by the node's sweep (RunWatch), on the monotonic clock as a timer would be
        r.timeoutAtNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(job.timeoutMs());
        r.attach(Thread.currentThread());
        try {
            JobType type = types.find(job.type())
                    .orElseThrow(() -> new JobType.PermanentFailure("no handler for job type '" + job.type() + "' on this node"));
            JsonNode payload = JSON.readTree(job.payloadJson());
            result = type.run(new JobContext(job.id(), job.user(), job.type(), payload, job.attempt(),
                    r.startedMs + job.timeoutMs(), job.token()));
        } catch (Throwable t) {
            error = t;
        } finally {
            r.finishing = true;
            r.detach();
            Thread.interrupted(); // the handler's interrupt must not leak into the Redis call below
        }
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        try {
            record(r, result, error, runMs, recorded);
        } catch (RuntimeException e) {
            LOG.warn("recording the end of job {} failed; its lease will expire and it will run again", job.id(), e);
            recorded.run();
        }
    }

    private void record(RunningJob r, Object result, Throwable error, long runMs, Runnable recorded) {
        ClaimedJob job = r.job;
        RunningJob.Stop stop = r.stopReason();
        if (stop == RunningJob.Stop.LEASE_LOST || stop == RunningJob.Stop.SHUTDOWN && error != null) {
            LOG.info("job {} stopped ({}) after {} ms; left to its lease", job.id(), stop, runMs);
            listener.finished(job, "abandoned", runMs);
            recorded.run();
            return;
        }
        Ending ending;
        if (stop == RunningJob.Stop.CANCELLED) {
            ending = new Ending(job, Ending.End.CANCELLED, "cancelled while running", runMs);
        } else if (error == null) {
            ending = new Ending(job, Ending.End.SUCCEEDED, json(result), runMs);
        } else if (error instanceof JobType.PermanentFailure) {
            ending = new Ending(job, Ending.End.FAILED, message(error), runMs);
        } else {
            long now = clock.millis();
            String why = stop == RunningJob.Stop.TIMEOUT ? "timed out after " + job.timeoutMs() + " ms" : message(error);
            FailJob.Outcome o = store.fail(job, why, now, now + backoff.delayMs(job.attempt()), runMs);
            String outcome = switch (o) {
                case RETRY_SCHEDULED -> "retried";
                case DEAD -> "dead";
                case CANCELLED -> "cancelled";
                default -> "stale";
            };
            if (outcome.equals("stale")) listener.staleCompletion(job.id());
            listener.finished(job, outcome, runMs);
            recorded.run();
            return;
        }
        batcher.submit(ending).whenComplete((o, failure) -> {
            try {
                if (failure == null) {
                    String outcome = o == CompleteJobs.Outcome.DONE ? ending.end().name().toLowerCase(java.util.Locale.ROOT) : "stale";
                    if (outcome.equals("stale")) listener.staleCompletion(job.id());
                    listener.finished(job, outcome, runMs);
                }
            } finally {
                recorded.run();
            }
        });
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
