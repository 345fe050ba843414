package io.costq.model;

/** What a node does now: take the head of a class queue, or wait (at most the given time) and ask again. */
public sealed interface Decision {
    record Take(int costClass) implements Decision {}

    record Wait(long maxWaitMs, String reason) implements Decision {}
}
