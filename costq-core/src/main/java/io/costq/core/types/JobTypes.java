package io.costq.core.types;

import io.costq.core.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The job types a process knows, by name. */
public final class JobTypes {
    private final Map<String, JobType> byName = new LinkedHashMap<>();

    /** The built-in types; {@code http} may call no host. */
    public static JobTypes builtIns() {
        return builtIns(HostAllowList.NONE);
    }

    public static JobTypes builtIns(HostAllowList httpHosts) {
        return new JobTypes().register(new NoopType()).register(new SleepType()).register(new CpuType())
                .register(new HttpType(httpHosts));
    }

    public JobTypes register(JobType type) {
        byName.put(type.name(), type);
        return this;
    }

    public Optional<JobType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public JobType require(String name) {
        JobType t = byName.get(name);
        if (t == null) throw new InvalidInputException("type", "unknown job type '" + name + "'; known: " + byName.keySet());
        return t;
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
