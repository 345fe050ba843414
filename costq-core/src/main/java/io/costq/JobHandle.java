package io.costq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted job as last seen: its id, status and (once it ended) its result or error. {@link #await} and
 * {@link #refresh} return a new handle with what the store holds then; a handle itself never changes.
 */
public final class JobHandle {
    private final Costq costq;
    private final String id;
    private final JobView view; // null until read

    JobHandle(Costq costq, String id, JobView view) {
        this.costq = costq;
        this.id = id;
        this.view = view;
    }

    public String id() {
        return id;
    }

    /** The job as last read; empty right after a submit (nothing read yet). */
    public Optional<JobView> view() {
        return Optional.ofNullable(view);
    }

    /** The status as last read (QUEUED right after a submit). */
    public JobState status() {
        return view == null ? JobState.QUEUED : view.status();
    }

    public boolean isDone() {
        return view != null && view.status().isTerminal();
    }

    /** Why the last attempt failed, or null. */
    public String error() {
        return view == null ? null : view.error();
    }

    /** The last failed attempt's stack trace (bounded), or null. */
    public String stackTrace() {
        return view == null ? null : view.stackTrace();
    }

    /**
     * Waits up to {@code timeout} for the job to end (woken by its end, not polling) and returns it as it is then;
     * check {@link #isDone()}, or call {@link #result} which throws unless it succeeded.
     */
    public JobHandle await(Duration timeout) {
        try {
            return new JobHandle(costq, id, costq.client().awaitTerminal(id, timeout.toMillis()).orElse(view));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job " + id, e);
        }
    }

    /** {@link #await} on a costq thread. */
    public CompletableFuture<JobHandle> awaitAsync(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> await(timeout), costq.waiters());
    }

    /** Reads the job again. */
    public JobHandle refresh() {
        return new JobHandle(costq, id, costq.client().get(id).orElse(view));
    }

    /**
     * The result read as {@code type}.
     *
     * @throws JobFailedException when the job has not (or not yet) SUCCEEDED
     */
    public <T> T result(Class<T> type) {
        JsonNode node = resultJson();
        try {
            return type == JsonNode.class ? type.cast(node) : mapper().treeToValue(node, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("the result of job " + id + " is not a " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The result as JSON ({@code null} node for a handler that returned nothing). */
    public JsonNode resultJson() {
        if (view == null || view.status() != JobState.SUCCEEDED) {
            throw new JobFailedException(id, status(), error());
        }
        try {
            return view.resultJson() == null ? mapper().nullNode() : mapper().readTree(view.resultJson());
        } catch (Exception e) {
            return mapper().getNodeFactory().textNode(view.resultJson());
        }
    }

    /** Cancels the job if it is queued; asks its node to stop it if it runs. */
    public void cancel() {
        costq.client().cancel(id);
    }

    private ObjectMapper mapper() {
        return costq.json();
    }

    @Override
    public String toString() {
        return "JobHandle[" + id + " " + status() + "]";
    }
}
