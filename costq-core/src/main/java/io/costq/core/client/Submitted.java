package io.costq.core.client;

/** The answer to a submit: the job's id, class and estimate; {@code duplicate} when an idempotency key matched. */
public record Submitted(String id, int costClass, long estimateMs, boolean duplicate) {
}
