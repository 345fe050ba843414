package io.costq.core.store;

/**
 * Whose run history estimates a job: by default its user's runs of its type (a user's logins are not estimated from
 * the same user's reports), or the runs of an explicit cost key, shared by every job that names it (so two types
 * that cost alike share one history, or a type's history is split). The 10..1-weighted estimate reads it.
 * <p>A user's histories live in the user's partition (beside the user's jobs); a cost key's in its own. A tenant's
 * (other than the default) are named under it ({@link Keys#history(String, String)}) and all live in the tenant's
 * partition, beside its jobs ({@link Partitions#forTenant}).
 */
public record History(String tenant, String user, String type, String costKey) {
    /** User ids, types and cost keys contain no control characters (the submit checks), so this separates them. */
    private static final char SEP = '\u001f';

    /** A history of the default tenant (the Java SDK's). */
    public static History of(String user, String type, String costKey) {
        return of(null, user, type, costKey);
    }

    /** A history of a tenant (null or {@code default}: the default tenant's): one tenant never reads or moves another's. */
    public static History of(String tenant, String user, String type, String costKey) {
        String t = tenant == null || tenant.equals(io.costq.core.job.Tenants.DEFAULT) ? null : tenant;
        return costKey != null ? new History(t, null, null, costKey) : new History(t, user, type, null);
    }

    /** The part of the history key after {@code hist:} (encoded by {@link Keys#history}). */
    public String subject() {
        return costKey != null ? "" + SEP + "k" + SEP + costKey : user + SEP + type;
    }

    public int partition(Partitions partitions) {
        return tenant != null ? partitions.forTenant(tenant) : partitions.forUser(costKey != null ? subject() : user);
    }

    /** Its key in {@code keys}' partition (which must be {@link #partition}). */
    public String key(Keys keys) {
        return keys.history(tenant, subject());
    }

    public String key(Partitions partitions) {
        return key(partitions.keys(partition(partitions)));
    }
}
