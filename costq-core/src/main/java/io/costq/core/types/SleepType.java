package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** {@code {"ms": N}}: waits N ms without using CPU, like a job blocked on a downstream. */
public final class SleepType implements JobType {
    static final long MAX_MS = 3_600_000;

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public void validate(JsonNode payload) {
        Payloads.millis(payload, "ms", MAX_MS);
    }

    @Override
    public Object run(JobContext ctx) throws InterruptedException {
        long ms = Payloads.millis(ctx.payload(), "ms", MAX_MS);
        Thread.sleep(ms);
        return Map.of("sleptMs", ms);
    }
}
