package io.costq.core.job;

/** A submit refused because its tenant has {@code maxQueued} QUEUED or SCHEDULED jobs already (nothing was stored). */
public final class TenantOverCapException extends RuntimeException {
    private final String tenant;
    private final int maxQueued;

    public TenantOverCapException(String tenant, int maxQueued) {
        super("tenant " + tenant + " has " + maxQueued + " queued jobs, its cap (costq.tenants." + tenant + ".max-queued)");
        this.tenant = tenant;
        this.maxQueued = maxQueued;
    }

    public String tenant() {
        return tenant;
    }

    public int maxQueued() {
        return maxQueued;
    }
}
