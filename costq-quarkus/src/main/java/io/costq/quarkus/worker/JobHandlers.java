package io.costq.quarkus.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.Costq;
import io.costq.JobHandler;
import io.costq.core.types.JobTypes;
import io.costq.quarkus.CostqConfig;
import io.costq.quarkus.CostqJob;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The handlers this app's worker runs: the built-ins (noop, sleep, cpu, http) and every {@link CostqJob} bean,
 * narrowed to {@code costq.worker.types} when that is set.
 */
@Singleton
public class JobHandlers {
    @Inject
    @Any
    Instance<JobHandler<?, ?>> beans;
    @Inject
    CostqConfig config;

    public JobTypes all(ObjectMapper json) {
        JobTypes all = JobTypes.builtIns(io.costq.quarkus.SettingsFactory.httpHosts(config));
        for (Instance.Handle<JobHandler<?, ?>> h : beans.handles()) {
            Class<?> beanClass = h.getBean().getBeanClass();
            CostqJob job = beanClass.getAnnotation(CostqJob.class);
            if (job == null) continue; // a JobHandler bean the app uses otherwise
            all.register(Costq.typed(job.value(), inputType(beanClass), cast(h.get()), json));
        }
        List<String> chosen = config.worker().types().orElse(null);
        if (chosen == null) return all;
        JobTypes out = new JobTypes();
        for (String t : chosen) {
            out.register(all.find(t).orElseThrow(() -> new IllegalArgumentException(
                    "costq.worker.types names '" + t + "', which this app has no handler for; it has " + all.names())));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static JobHandler<Object, Object> cast(JobHandler<?, ?> h) {
        return (JobHandler<Object, Object>) h;
    }

    /** I of the bean's {@code JobHandler<I, O>} (Object when it is not spelled out). */
    @SuppressWarnings("unchecked")
    static Class<Object> inputType(Class<?> beanClass) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == JobHandler.class) {
                    Type in = p.getActualTypeArguments()[0];
                    if (in instanceof Class<?> k) return (Class<Object>) k;
                    if (in instanceof ParameterizedType pk) return (Class<Object>) pk.getRawType();
                }
            }
        }
        return Object.class;
    }
}
