package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.InvalidInputException;
import io.costq.model.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The REST API's type gate: a type is accepted when it is declared in config or a worker advertised it within the
 * window; else 400 naming {@code type}. The advertised types are read at most every {@code refreshMs}, and again at
 * once for a type not seen (so a worker that just started is believed on its first heartbeat). Types it has a
 * validator for have their payloads checked.
 */
public final class AdvertisedTypes implements TypeGate {
    private static final long REFRESH_MS = 1_000;
    private static final long MISS_REFRESH_MS = 100;

    private final Supplier<Map<String, Long>> advertised;
    private final Set<String> declared;
    private final long windowMs;
    private final JobTypes validators;
    private final Clock clock;
    private volatile Map<String, Long> seen = Map.of();
    private volatile long readAtMs = Long.MIN_VALUE / 2;

    /**
     * @param advertised when each type was last advertised (epoch ms), read from the node directory
     * @param declared   types accepted without a worker
     * @param validators payload checks by type (the built-ins'; may be empty)
     */
    public AdvertisedTypes(Supplier<Map<String, Long>> advertised, Set<String> declared, long windowMs, JobTypes validators,
                           Clock clock) {
        this.advertised = advertised;
        this.declared = Set.copyOf(declared);
        this.windowMs = windowMs;
        this.validators = validators;
        this.clock = clock;
    }

    @Override
    public void check(String type, JsonNode payload) {
        TypeGate.requireName(type);
        if (!accepted(type)) {
            throw new InvalidInputException("type", "unknown job type '" + type + "': not declared (costq.types.declared) and "
                    + "no worker advertised it in the last " + windowMs + " ms; accepted now: " + acceptedNow());
        }
        validators.find(type).ifPresent(t -> t.validate(payload));
    }

    /** Whether a job of {@code type} would be accepted now. */
    public boolean accepted(String type) {
        if (declared.contains(type)) return true;
        long now = clock.millis();
        if (now - readAtMs >= REFRESH_MS || (!live(type, now) && now - readAtMs >= MISS_REFRESH_MS)) refresh(now);
        return live(type, now);
    }

    public Set<String> declared() {
        return declared;
    }

    private boolean live(String type, long now) {
        Long at = seen.get(type);
        return at != null && now - at <= windowMs;
    }

    private void refresh(long now) {
        seen = advertised.get();
        readAtMs = now;
    }

    private Set<String> acceptedNow() {
        long now = clock.millis();
        Set<String> out = new TreeSet<>(declared);
        seen.forEach((t, at) -> {
            if (now - at <= windowMs) out.add(t);
        });
        return out;
    }
}
