package io.costq.core.client;

/** One class queue: depth, age of its oldest job, and the class's upper bound (null for the last class). */
public record QueueView(int costClass, long depth, long oldestAgeMs, Long upperBoundMs) {
}
