package io.costq.quarkus.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.Costq;
import io.costq.JobHandler;
import io.costq.core.InvalidInputException;
import io.costq.core.client.SubmitRequest;
import io.costq.core.schedule.ScheduleSpec;
import io.costq.quarkus.CostqConfig;
import io.costq.quarkus.CostqJob;
import io.costq.quarkus.CostqRecurring;
import io.costq.quarkus.TimeConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Puts (creates or replaces: idempotent, a replaced schedule keeps its next fire while its cron and zone are
 * unchanged) the app's recurring schedules at start-up, when {@code costq.schedules.enabled}: those declared in
 * config ({@code costq.schedules.declared.<name>.*}) and every {@link CostqRecurring} on a {@link CostqJob} bean.
 * A bad schedule stops the start-up with the field it names.
 */
@Singleton
public class DeclaredSchedules {
    private static final Logger LOG = Logger.getLogger(DeclaredSchedules.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CostqConfig config;
    @Inject
    Costq costq;
    @Inject
    @Any
    Instance<JobHandler<?, ?>> beans;

    void start(@Observes StartupEvent ev) {
        if (!config.schedules().enabled()) return;
        for (ScheduleSpec spec : specs()) {
            var put = costq.schedules().put(spec);
            LOG.infof("schedule %s %s (%s %s), next fire %s", spec.name(), put.created() ? "created" : "replaced",
                    spec.cron(), spec.timezone(), put.schedule().nextFireMs());
        }
    }

    /** The declared schedules, then the annotated handlers' ones. */
    List<ScheduleSpec> specs() {
        List<ScheduleSpec> out = new ArrayList<>();
        for (Map.Entry<String, TimeConfig.Declared> e : config.schedules().declared().entrySet()) {
            TimeConfig.Declared d = e.getValue();
            out.add(ScheduleSpec.builder(e.getKey()).cron(d.cron()).timezone(d.timezone())
                    .job(SubmitRequest.of(d.jobUser(), d.jobType(), payload(e.getKey(), d.jobPayload().orElse(null))))
                    .overlap(ScheduleSpec.parse(ScheduleSpec.Overlap.class, "overlap", d.overlap().orElse(null)))
                    .catchUp(ScheduleSpec.parse(ScheduleSpec.CatchUp.class, "catchUp", d.catchUp().orElse(null))).build());
        }
        for (Instance.Handle<JobHandler<?, ?>> h : beans.handles()) {
            Class<?> beanClass = h.getBean().getBeanClass();
            CostqJob job = beanClass.getAnnotation(CostqJob.class);
            CostqRecurring r = beanClass.getAnnotation(CostqRecurring.class);
            if (job == null || r == null) continue;
            out.add(ScheduleSpec.builder(r.name()).cron(r.cron()).timezone(r.timezone())
                    .job(SubmitRequest.of(r.user(), job.value(), null)).build());
        }
        return out;
    }

    private static JsonNode payload(String name, String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("job.payload", "costq.schedules.declared." + name + ".job-payload is not JSON: "
                    + e.getOriginalMessage());
        }
    }
}
