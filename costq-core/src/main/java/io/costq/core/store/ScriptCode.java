package io.costq.core.store;

/**
 * The return codes every Lua script shares ({@code lua/lib/codes.lua} is the same table; {@code ScriptCodeTest}
 * compares the two). Positive codes say what happened, negative ones why nothing was written; a code means the same
 * in every script. Each wrapper turns them into its operation's own typed outcome.
 */
enum ScriptCode {
    /** The script's transition happened (created, recorded, cancelled, queued again, acked). */
    DONE(1),
    /** A failed run goes back to QUEUED after a backoff. */
    RETRY_SCHEDULED(2),
    /** A failed run had no attempts left. */
    DEAD(3),
    /** The job ended CANCELLED (a cancel won over what the call asked for, or the cancel itself). */
    CANCELLED(4),
    /** A running job's owner was asked to stop it. */
    CANCEL_REQUESTED(5),
    /** An ack came before the run ended; the run will end SUCCEEDED at once. */
    ACK_RECORDED_EARLY(6),
    /** The transition had happened already (a repeated ack, or one after the ack timeout). */
    DUPLICATE(7),
    /** A run failed permanently: the job ended FAILED without retries. */
    FAILED(8),
    /** A schedule's tick passed without a job (its previous job still ran under overlap skip, or it was missed). */
    SKIPPED(9),
    /** A schedule that existed was replaced. */
    REPLACED(10),
    NO_SUCH_JOB(-1),
    /** The job is not in the state the transition moves from. */
    WRONG_STATE(-2),
    /** The caller's fencing token is not the job's current one: another owner holds it. */
    STALE_TOKEN(-3),
    /** A new job's id exists already. */
    ID_TAKEN(-4),
    NO_SUCH_SCHEDULE(-5),
    /** A new job's tenant has its cap of queued jobs: nothing stored. */
    OVER_CAP(-6);

    private final int value;

    ScriptCode(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }

    static ScriptCode of(Object reply) {
        long v = LuaValues.asLong(reply);
        for (ScriptCode c : values()) if (c.value == v) return c;
        throw new IllegalStateException("unknown script return code " + reply);
    }

    /** An outcome the calling operation cannot get: only impossible states throw. */
    IllegalStateException unexpected(String script) {
        return new IllegalStateException(script + " answered " + this + ", which it never returns");
    }
}
