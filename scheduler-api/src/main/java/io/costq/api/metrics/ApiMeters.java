package io.costq.api.metrics;

import io.costq.api.AcceptedJson;
import io.costq.api.JobJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counters the API sees on its answers: {@code costq_jobs_submitted{class,type}} for every accepted new submit,
 * and {@code costq_api_unavailable{method}} for every 503 (Redis away). Both are read off the response (the submitted
 * type off {@link SubmittedType}, which the submit resource notes), so the resources hold no meters; accepted ids
 * also go to {@link RecentSubmits} for the console. Tags are bounded: class is 0..K-1, type one of the registered
 * job types (the submit was validated), method an HTTP verb.
 */
@Singleton
public class ApiMeters {
    private final MeterRegistry registry;
    private final RecentSubmits recent;

    private final SubmittedType submittedType;

    public ApiMeters(MeterRegistry registry, RecentSubmits recent, SubmittedType submittedType) {
        this.registry = registry;
        this.recent = recent;
        this.submittedType = submittedType;
        // exported from the first scrape on (as 0), so dashboards and alerts need no "absent" special case
        unavailable("GET");
        unavailable("POST");
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 503) {
            unavailable(request.getMethod()).increment();
            return;
        }
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().equals("/v1/jobs")) return;
        String t = submittedType.get();
        if (t == null) return;
        Object entity = response.getEntity();
        if (entity instanceof AcceptedJson a && !a.duplicate()) {
            submitted(a.costClass(), t).increment();
            recent.add(a.id());
        } else if (entity instanceof JobJson j && status == 200) {
            submitted(j.costClass(), t).increment(); // waited and already finished; a duplicate would be counted too
            recent.add(j.id());
        }
    }

    private Counter submitted(int costClass, String type) {
        return Counter.builder("costq_jobs_submitted").description("jobs accepted by this API instance")
                .tag("class", String.valueOf(costClass)).tag("type", type).register(registry);
    }

    private Counter unavailable(String method) {
        return Counter.builder("costq_api_unavailable").description("503 answers: Redis unreachable or loading")
                .tag("method", method).register(registry);
    }
}
