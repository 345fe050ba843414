package io.costq.core.job;

import java.util.Map;

/**
 * What a job search ({@code GET /v1/jobs}) keeps; a null part keeps every job. Built from {@link #ANY} with the
 * {@code with...} methods, e.g. {@code JobFilter.ANY.withStatus(JobState.DEAD).withUser("u1")}.
 *
 * @param sinceMs queued at or after this time (ms)
 * @param tenant  the tenant it belongs to (a submitter's search is narrowed to its tenant); null: every tenant
 */
public record JobFilter(JobState status, String user, String type, Integer costClass, Long sinceMs, String tenant) {
    public static final JobFilter ANY = new JobFilter(null, null, null, null, null, null);

    public JobFilter withStatus(JobState s) {
        return new JobFilter(s, user, type, costClass, sinceMs, tenant);
    }

    public JobFilter withUser(String u) {
        return new JobFilter(status, u, type, costClass, sinceMs, tenant);
    }

    public JobFilter withType(String t) {
        return new JobFilter(status, user, t, costClass, sinceMs, tenant);
    }

    public JobFilter withCostClass(Integer c) {
        return new JobFilter(status, user, type, c, sinceMs, tenant);
    }

    public JobFilter withSince(Long ms) {
        return new JobFilter(status, user, type, costClass, ms, tenant);
    }

    public JobFilter withTenant(String t) {
        return new JobFilter(status, user, type, costClass, sinceMs, t);
    }

    /** The job hash fields {@link #matches} reads (since is the index's score). */
    public static final String[] FIELDS = {"status", "user", "type", "class", "tenant"};

    /** Whether a job whose {@link #FIELDS} hold {@code values} (in that order) is kept. */
    public boolean matches(java.util.List<String> values) {
        return (status == null || status.name().equals(values.get(0)))
                && (user == null || user.equals(values.get(1)))
                && (type == null || type.equals(values.get(2)))
                && (costClass == null || String.valueOf(costClass).equals(values.get(3)))
                && (tenant == null || tenant.equals(Tenants.of(values.get(4))));
    }

    /** Whether a job read in full is kept (the same test as {@link #matches(java.util.List)}, since included). */
    public boolean matches(JobView v) {
        return matches(java.util.List.of(v.status().name(), String.valueOf(v.user()), String.valueOf(v.type()),
                String.valueOf(v.costClass()), v.tenant()))
                && (sinceMs == null || (v.queuedAt() != null && v.queuedAt() >= sinceMs));
    }

    /** The filter as query parameters (for logs and the audit of bulk actions); absent parts left out. */
    public Map<String, String> describe() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (status != null) m.put("status", status.name());
        if (user != null) m.put("user", user);
        if (type != null) m.put("type", type);
        if (costClass != null) m.put("costClass", String.valueOf(costClass));
        if (sinceMs != null) m.put("since", java.time.Instant.ofEpochMilli(sinceMs).toString());
        if (tenant != null) m.put("tenant", tenant);
        return m;
    }
}
