package io.costq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.InvalidInputException;
import io.costq.core.types.JobType;
import java.time.Instant;

/**
 * A typed handler as the engine's {@link JobType}: the payload is read into {@code I} (a payload it cannot read
 * fails the job permanently, naming the class and the problem), the handler runs, its result becomes JSON.
 */
final class TypedJobType<I, O> implements JobType {
    private final String name;
    private final Class<I> inputType;
    private final JobHandler<I, O> handler;
    private final PayloadValidator<I> validator;
    private final ObjectMapper json;

    TypedJobType(String name, Class<I> inputType, JobHandler<I, O> handler, PayloadValidator<I> validator, ObjectMapper json) {
        io.costq.core.types.TypeGate.requireName(name);
        this.name = name;
        this.inputType = inputType;
        this.handler = handler;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    /** Submit time: the payload must read as {@code I} and pass the validator, if any. */
    @Override
    public void validate(JsonNode payload) {
        if (validator == null) return;
        I input;
        try {
            input = read(payload);
        } catch (Exception e) {
            throw new InvalidInputException("payload", "payload is not a " + inputType.getSimpleName() + ": " + e.getMessage());
        }
        try {
            validator.validate(input);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("payload", e.getMessage());
        }
    }

    @Override
    public Object run(io.costq.core.types.JobContext ctx) throws Exception {
        I input;
        try {
            input = read(ctx.payload());
        } catch (Exception e) {
            throw new PermanentJobFailure("payload of job " + ctx.jobId() + " cannot be read as "
                    + inputType.getName() + ": " + e.getMessage(), e);
        }
        O out = handler.handle(input, new RunContext(ctx));
        return out == null ? null : json.valueToTree(out);
    }

    private I read(JsonNode payload) throws Exception {
        if (inputType == JsonNode.class) return inputType.cast(payload);
        return json.treeToValue(payload, inputType);
    }

    private record RunContext(io.costq.core.types.JobContext c) implements JobContext {
        public String jobId() {
            return c.jobId();
        }

        public String user() {
            return c.user();
        }

        public String type() {
            return c.type();
        }

        public int attempt() {
            return c.attempt();
        }

        public Instant deadline() {
            return Instant.ofEpochMilli(c.deadlineMs());
        }

        public long fencingToken() {
            return c.fencingToken();
        }

        public boolean isCancelled() {
            return c.stopRequested().getAsBoolean() || Thread.currentThread().isInterrupted();
        }
    }
}
