package io.costq.core.types;


/** Returns at once; for measuring the scheduler's own overhead. */
public final class NoopType implements JobType {
    @Override
    public String name() {
        return "noop";
    }

    @Override
    public Object run(JobContext ctx) {
        return null;
    }
}
