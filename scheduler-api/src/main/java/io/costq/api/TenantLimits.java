package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.core.client.Submitter;
import io.costq.core.job.TenantOverCapException;
import io.costq.core.job.Tenants;
import io.costq.quarkus.CostqConfig;
import io.costq.quarkus.TenantConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The tenants' limits ({@code costq.tenants.<tenant>.*}): who a caller submits as, and the 429 of a submit over its
 * tenant's cap on queued jobs (checked in the script that stores the job, so concurrent submits cannot overshoot).
 */
@Singleton
public class TenantLimits {
    @Inject
    CostqConfig costq;

    void check(@Observes StartupEvent ev) {
        costq.tenants().forEach((name, t) -> {
            Tenants.requireName("costq.tenants." + name, name);
            if (t.maxQueued().isPresent() && t.maxQueued().getAsInt() < 1) {
                throw new IllegalArgumentException("costq.tenants." + name + ".max-queued must be >= 1 (unset: no cap)");
            }
            if (t.retryAfterSeconds() < 1) throw new IllegalArgumentException("costq.tenants." + name + ".retry-after-seconds must be >= 1");
        });
    }

    /** Who {@code caller} submits as: its key name, its tenant and that tenant's cap (0: none). */
    public Submitter submitter(Caller caller) {
        TenantConfig t = costq.tenants().get(caller.tenant());
        return new Submitter(caller.name(), caller.tenant(), t == null ? 0 : t.maxQueued().orElse(0));
    }

    @ServerExceptionMapper
    public Response overCap(TenantOverCapException e) {
        TenantConfig t = costq.tenants().get(e.tenant());
        return Response.status(429).header("Retry-After", String.valueOf(t == null ? 1 : t.retryAfterSeconds()))
                .entity(new ErrorJson(e.getMessage(), "tenant")).build();
    }
}
