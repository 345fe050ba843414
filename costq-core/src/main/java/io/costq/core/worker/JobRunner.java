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
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed job on the calling thread: the handler under its timeout, then the matching transition
 * (complete, fail-and-retry, or nothing when the lease was lost, since another owner may hold the job now).
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a failure's stack trace kept with the job (the log has all of it). */
    static final int MAX_STACK_TRACE_CHARS = 8_192;

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
     * Runs the handler on the calling thread, then records the run's end; {@code returned} is called once the handler
     * has returned (the run holds no core from then on), {@code recorded} exactly once, when the end is recorded
     * (possibly later, on the batcher's thread) or given up.
     */
    void run(RunningJob r, Runnable returned, Runnable recorded) {
        ClaimedJob job = r.job;
        long t0 = System.nanoTime();
        Object result = null;
        Throwable error = null;
        // enforced by the node's sweep (RunWatch), on the monotonic clock as a timer would be
        r.timeoutAtNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(job.timeoutMs());
        r.attach(Thread.currentThread());
        // the handler's own log lines, and ours below, carry the job (MDC: jobId, jobType, user, attempt)
        MDC.put("jobId", job.id());
        MDC.put("jobType", job.type());
        MDC.put("user", job.user());
        MDC.put("attempt", String.valueOf(job.attempt()));
        try {
            try {
                // claims take only types this node handles, so a missing handler means a registry changed under us
                JobType type = types.find(job.type())
                        .orElseThrow(() -> new JobType.PermanentFailure("no handler for job type '" + job.type() + "' on this node"));
                JsonNode payload = JSON.readTree(job.payloadJson());
                result = type.run(new JobContext(job.id(), job.user(), job.type(), payload, job.attempt(),
                        r.startedMs + job.timeoutMs(), job.token(), () -> r.stopReason() != null));
            } catch (Throwable t) {
                error = t;
            } finally {
                r.finishing = true;
                r.detach();
                Thread.interrupted(); // the handler's interrupt must not leak into the Redis call below
                returned.run();
            }
            long runMs = (System.nanoTime() - t0) / 1_000_000;
            try {
                record(r, result, error, runMs, recorded);
            } catch (RuntimeException e) {
                LOG.warn("recording the end of job {} failed; its lease will expire and it will run again", job.id(), e);
                recorded.run();
            }
        } finally {
            MDC.remove("jobId");
            MDC.remove("jobType");
            MDC.remove("user");
            MDC.remove("attempt");
        }
    }

    /** Whether a retry cannot fix this failure: the job ends FAILED at once. */
    static boolean permanent(Throwable error) {
        return error instanceof JobType.PermanentFailure || error instanceof io.costq.PermanentJobFailure;
    }

    /** The failure's stack trace, cut to {@link #MAX_STACK_TRACE_CHARS}. */
    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String s = out.toString();
        return s.length() <= MAX_STACK_TRACE_CHARS ? s : s.substring(0, MAX_STACK_TRACE_CHARS - 20) + "\n\t... (truncated)";
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
        } else {
            long now = clock.millis();
            boolean timedOut = stop == RunningJob.Stop.TIMEOUT;
            boolean permanent = !timedOut && permanent(error);
            String why = timedOut ? "timed out after " + job.timeoutMs() + " ms" : message(error);
            String trace = timedOut ? "" : stackTrace(error);
            if (timedOut) {
                LOG.warn("job {} ({}) of user {}, attempt {}: {}", job.id(), job.type(), job.user(), job.attempt(), why);
            } else {
                LOG.warn("job {} ({}) of user {}, attempt {} failed{}", job.id(), job.type(), job.user(), job.attempt(),
                        permanent ? " permanently" : "", error);
            }
            FailJob.Outcome o = store.fail(job, new FailJob.Failure(why, trace, permanent), now,
                    now + backoff.delayMs(job.attempt()), runMs);
            String outcome = switch (o) {
                case RETRY_SCHEDULED -> "retried";
                case DEAD -> "dead";
                case FAILED -> "failed";
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
