package io.costq.core.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a job and the one table of legal transitions: the contract the Lua scripts implement. Every script
 * lists the transitions it makes in its header ({@code FROM -> TO}) and checks the state it moves from;
 * {@code StateTableTest} compares those headers with this table, so a change to either shows.
 */
public enum JobState {
    /** Submitted with a delay ({@code delayMs} or {@code runAt}): waits until due, then is estimated and QUEUED. */
    SCHEDULED,
    /** Waiting in its class queue (or in backoff before a retry, with {@code runAt} set). */
    QUEUED,
    /** Claimed by a node under a lease and a fencing token. */
    RUNNING,
    /** Its handler returned; waiting for an external ack or the ack timeout. */
    AWAITING_ACK,
    SUCCEEDED,
    /** Failed with an error that retrying cannot fix (e.g. an invalid payload). */
    FAILED,
    /** Failed on every allowed attempt. */
    DEAD,
    CANCELLED,
    /** Its deadline passed before it started. */
    EXPIRED;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            SCHEDULED, EnumSet.of(QUEUED, CANCELLED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED, EXPIRED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, DEAD, QUEUED, CANCELLED, AWAITING_ACK),
            AWAITING_ACK, EnumSet.of(SUCCEEDED),
            SUCCEEDED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(QUEUED),
            DEAD, EnumSet.of(QUEUED),
            CANCELLED, EnumSet.noneOf(JobState.class),
            EXPIRED, EnumSet.noneOf(JobState.class));

    /** Where every job starts (submitJobs: {@code (none) -> QUEUED}), unless it is delayed. */
    public static JobState initial() {
        return QUEUED;
    }

    /** The states a new job may start in: QUEUED, or SCHEDULED when submitted with a delay. */
    public static Set<JobState> initials() {
        return EnumSet.of(QUEUED, SCHEDULED);
    }

    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Terminal states: nothing happens to the job any more unless an operator retries a DEAD or FAILED one. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == DEAD || this == CANCELLED || this == EXPIRED;
    }
}
