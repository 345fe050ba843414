package io.costq.core.testing;

import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test job type that records its side effects: how many times each job id started and finished a run.
 * Payload {@code {"ms": N}} sleeps N ms (interruptibly) between start and finish.
 */
public final class CountingType implements JobType {
    public final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> finishes = new ConcurrentHashMap<>();
    public final Map<String, String> lastNode = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "count";
    }

    @Override
    public Object run(JobContext ctx) throws Exception {
        starts.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
        lastNode.put(ctx.jobId(), Thread.currentThread().getName());
        long ms = ctx.payload().path("ms").asLong(0);
        if (ms > 0) Thread.sleep(ms);
        finishes.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
        return Map.of("attempt", ctx.attempt());
    }

    public int starts(String id) {
        AtomicInteger n = starts.get(id);
        return n == null ? 0 : n.get();
    }

    public int finishes(String id) {
        AtomicInteger n = finishes.get(id);
        return n == null ? 0 : n.get();
    }
}
