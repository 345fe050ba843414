package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;

/** Returns at once; for measuring the scheduler's own overhead. */
public final class NoopType implements JobType {
    @Override
    public String name() {
        return "noop";
    }

    @Override
    public void validate(JsonNode payload) {
    }

    @Override
    public Object run(JobContext ctx) {
        return null;
    }
}
