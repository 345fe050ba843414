package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** {@code {"ms": N}}: keeps one core busy for N ms of wall time (an analytics job's stand-in). */
public final class CpuType implements JobType {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void validate(JsonNode payload) {
        Payloads.millis(payload, "ms", SleepType.MAX_MS);
    }

    @Override
    public Object run(JobContext ctx) throws InterruptedException {
        long ms = Payloads.millis(ctx.payload(), "ms", SleepType.MAX_MS);
        long end = System.nanoTime() + ms * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) x += i * 31L ^ x;
            ctx.checkInterrupted();
        }
        return Map.of("burnedMs", ms, "checksum", x & 0xffff);
    }
}
