package io.costq.core.store;

/**
 * Whose run history estimates a job: by default its user's runs of its type (a user's logins are not estimated from
 * the same user's reports), or the runs of an explicit cost key, shared by every job that names it (so two types
 * that cost alike share one history, or a type's history is split). The 10..1-weighted estimate reads it.
 * <p>A user's histories live in the user's partition (beside the user's jobs); a cost key's in its own.
 */
public record History(String user, String type, String costKey) {
    /** User ids, types and cost keys contain no control characters (the submit checks), so this separates them. */
    private static final char SEP = '\u001f';

    public static History of(String user, String type, String costKey) {
        return costKey != null ? new History(null, null, costKey) : new History(user, type, null);
    }

    /** The part of the history key after {@code hist:} (encoded by {@link Keys#history}). */
    public String subject() {
        return costKey != null ? "" + SEP + "k" + SEP + costKey : user + SEP + type;
    }

    public int partition(Partitions partitions) {
        return partitions.forUser(costKey != null ? subject() : user);
    }

    public String key(Partitions partitions) {
        return partitions.keys(partition(partitions)).history(subject());
    }
}
