package io.costq.core.client;

import io.costq.core.job.Tenants;

/**
 * Who submits: the API key's name (recorded as the job's owner), its tenant and the tenant's cap on queued jobs.
 *
 * @param owner     the API key name, or null (the Java SDK)
 * @param tenant    the tenant the job belongs to ({@link Tenants#DEFAULT} for the SDK and loopback dev mode)
 * @param maxQueued most QUEUED or SCHEDULED jobs the tenant may have; 0: no cap (and no cost at submit)
 */
public record Submitter(String owner, String tenant, int maxQueued) {
    /** The Java SDK: no key, the default tenant, no cap. */
    public static final Submitter SDK = new Submitter(null, Tenants.DEFAULT, 0);

    public Submitter {
        tenant = Tenants.of(tenant);
        if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must be >= 0");
    }

    /** The tenant as stored on the job: null for the default tenant (its jobs store no tenant field). */
    String storedTenant() {
        return Tenants.DEFAULT.equals(tenant) ? null : tenant;
    }
}
