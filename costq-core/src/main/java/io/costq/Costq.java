package io.costq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.client.Schedules;
import io.costq.core.client.Submitted;
import io.costq.core.client.UserEstimate;
import io.costq.core.types.JobTypes;
import io.costq.core.types.TypeGate;
import io.costq.model.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.redisson.api.RedissonClient;

/**
 * costq from plain Java: submit jobs and run workers on one Redis.
 * <pre>{@code
 * try (Costq costq = Costq.connect("redis://127.0.0.1:6379")) {
 *     costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n() * 2)).start();
 *     JobHandle job = costq.submit("report", "u1", new ReportIn(21));
 *     ReportOut out = job.await(Duration.ofSeconds(10)).result(ReportOut.class);
 * }
 * }</pre>
 * Any well-formed type may be submitted: a job whose type no live worker handles waits until one does. Closing
 * stops this instance's workers (their runs finish within the grace period) and, when {@link #connect} opened it,
 * the Redis connection.
 */
public final class Costq implements AutoCloseable {
    private final RedissonClient redis;
    private final boolean ownsRedis;
    private final CostqSettings settings;
    private final ObjectMapper json;
    private final JobTypes validators = new JobTypes();
    private final CostqClient client;
    private final Schedules schedules;
    private final List<CostqWorker> workers = new CopyOnWriteArrayList<>();
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "costq-await");
        t.setDaemon(true);
        return t;
    });

    private Costq(Builder b) {
        this.ownsRedis = b.redis == null;
        this.redis = b.redis != null ? b.redis : RedisConnector.connect(b.url, null, b.poolSize);
        this.settings = b.settings;
        this.json = b.json;
        this.client = new CostqClient(redis, settings, TypeGate.anyType(validators), b.clock);
        this.schedules = new Schedules(client);
    }

    /** Connects to {@code redis://host:port} (or rediss://, with {@code :password@}) with the default settings. */
    public static Costq connect(String redisUrl) {
        return builder().redisUrl(redisUrl).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A typed handler as the engine's job type (for containers that build their workers themselves). */
    public static <I, O> io.costq.core.types.JobType typed(String type, Class<I> inputType, JobHandler<I, O> handler, ObjectMapper json) {
        return new TypedJobType<>(type, inputType, handler, null, json);
    }

    /** A new worker of this instance: add handlers, then start it. */
    public CostqWorker worker() {
        return new CostqWorker(this);
    }

    /** Submits a job; {@code payload} is any value Jackson writes as a JSON object (a record, a POJO, a map), or null. */
    public JobHandle submit(String type, String user, Object payload) {
        return submit(type, user, payload, SubmitOptions.DEFAULTS);
    }

    /** @throws InvalidInputException naming the field for a bad type, user, payload or option; nothing is stored then */
    public JobHandle submit(String type, String user, Object payload, SubmitOptions options) {
        Submitted s = client.submit(options.toRequest(type, user, tree(payload)));
        return new JobHandle(this, s.id(), null);
    }

    /** {@link #submit} without blocking: stored together with other threads' submits. Bad input throws at once. */
    public CompletableFuture<JobHandle> submitAsync(String type, String user, Object payload, SubmitOptions options) {
        return client.submitAsync(options.toRequest(type, user, tree(payload)), null, false)
                .thenApply(s -> new JobHandle(this, s.id(), null));
    }

    public CompletableFuture<JobHandle> submitAsync(String type, String user, Object payload) {
        return submitAsync(type, user, payload, SubmitOptions.DEFAULTS);
    }

    /** The job, read now. */
    public Optional<JobHandle> job(String id) {
        return client.get(id).map(v -> new JobHandle(this, id, v));
    }

    /** What the next job of {@code type} by {@code user} would be estimated at (its history: user and type). */
    public UserEstimate estimate(String user, String type) {
        return client.estimate(user, type, null);
    }

    /**
     * Recurring schedules over this facade's client: {@code costq.schedules().put(ScheduleSpec.builder("nightly")
     * .cron("0 0 2 * * *").job(SubmitRequest.of("ops", "report", payload)).build())} creates or replaces one. Its
     * ticks fire where a {@code Timekeeper} runs (every scheduler-api instance).
     */
    public Schedules schedules() {
        return schedules;
    }

    /** The core client: queues, nodes, channels, cancel, retry, ack. */
    public CostqClient client() {
        return client;
    }

    public CostqSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        for (CostqWorker w : workers) w.close();
        client.close();
        waiters.shutdownNow();
        if (ownsRedis) redis.shutdown();
    }

    RedissonClient redis() {
        return redis;
    }

    ObjectMapper json() {
        return json;
    }

    JobTypes validators() {
        return validators;
    }

    ExecutorService waiters() {
        return waiters;
    }

    void started(CostqWorker w) {
        workers.add(w);
    }

    void stopped(CostqWorker w) {
        workers.remove(w);
    }

    private JsonNode tree(Object payload) {
        if (payload == null) return null;
        try {
            return payload instanceof JsonNode n ? n : json.valueToTree(payload);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("payload", "payload cannot be written as JSON: " + e.getMessage());
        }
    }

    /** How to reach Redis and with which settings. */
    public static final class Builder {
        private String url = "redis://127.0.0.1:6379";
        private RedissonClient redis;
        private int poolSize = 32;
        private CostqSettings settings = CostqSettings.defaults("costq");
        private ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        private Clock clock = Clock.SYSTEM;

        private Builder() {
        }

        public Builder redisUrl(String url) {
            this.url = url;
            return this;
        }

        /** An existing client (the app's own): costq uses it and leaves closing it to the app. */
        public Builder redisson(RedissonClient redis) {
            this.redis = redis;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Key prefix, classes, estimator, leases, retries... (default: {@code CostqSettings.defaults("costq")}). */
        public Builder settings(CostqSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The mapper for payloads and results (default: one with the modules on the class path). */
        public Builder objectMapper(ObjectMapper json) {
            this.json = json;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Costq build() {
            return new Costq(this);
        }
    }
}
