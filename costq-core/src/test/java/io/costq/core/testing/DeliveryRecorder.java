package io.costq.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test job type {@code deliver}: payload {@code {"key": k, "seq": n, "ms": t, "failFirst": bool}}. Records every
 * run's key, sequence number and start/end, and the highest number of runs in flight at once.
 */
public final class DeliveryRecorder implements JobType {
    public record Run(String key, int seq, long startNs, long endNs, int attempt) {
    }

    public final List<Run> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, Boolean> failedOnce = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "deliver";
    }

    @Override
    public Object run(JobContext ctx) throws Exception {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        long start = System.nanoTime();
        try {
            JsonNode p = ctx.payload();
            long ms = p.path("ms").asLong(0);
            if (ms > 0) Thread.sleep(ms);
            if (p.path("failFirst").asBoolean(false) && failedOnce.putIfAbsent(ctx.jobId(), true) == null) {
                throw new IllegalStateException("first attempt fails");
            }
            runs.add(new Run(p.path("key").asText(), p.path("seq").asInt(), start, System.nanoTime(), ctx.attempt()));
            return Map.of("seq", p.path("seq").asInt());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }
}
