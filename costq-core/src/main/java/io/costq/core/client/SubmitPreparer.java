package io.costq.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.InvalidInputException;
import io.costq.core.store.NewJob;
import io.costq.core.store.Partitions;
import io.costq.core.types.TypeGate;
import io.costq.model.ClassBounds;
import io.costq.model.Clock;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.Estimate;
import io.costq.model.RecentEstimates;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first half of every submit, pure (no Redis): the request checked field by field, then — given its user's run
 * history — estimated ({@link CostEstimator}), classified ({@link CostClassifier}) and made the job to store, with
 * its id and partition. One per set of live settings. The sample of recent estimates the estimator and classifier
 * draw on (cold-start median, adaptive bounds) is handed in by {@link #refresh}, on a schedule, not per job.
 */
final class SubmitPreparer {
    static final int MAX_ID_CHARS = 200;
    /** One submit in this many joins the recent-estimates sample: plenty for a median and quartiles. */
    private static final int RECENT_SAMPLE_EVERY = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that passed validation, with its payload as compact JSON, and who submits it. */
    record Validated(SubmitRequest request, String payload, Submitter who, boolean awaited) {
        /** The run history it is estimated from (its tenant's). */
        io.costq.core.store.History history() {
            return io.costq.core.store.History.of(who.tenant(), request.user(), request.type(), request.costKey());
        }
    }

    private final CostqSettings settings;
    private final TypeGate types;
    private final CostEstimator estimator;
    private final CostClassifier classifier;
    private final Partitions partitions;
    private final Clock clock;
    private final Ids ids;
    private final AtomicLong submits;
    private volatile RecentEstimates recent = RecentEstimates.EMPTY;
    private volatile ClassBounds bounds;

    /** @param ids and submits are shared with the preparers of later settings (ids stay monotonic, sampling even) */
    SubmitPreparer(CostqSettings settings, TypeGate types, Partitions partitions, Clock clock, Ids ids, AtomicLong submits) {
        this.settings = settings;
        this.types = types;
        this.estimator = new CostEstimator(settings.estimator());
        this.classifier = new CostClassifier(settings.classifier());
        this.bounds = classifier.fixedBounds();
        this.partitions = partitions;
        this.clock = clock;
        this.ids = ids;
        this.submits = submits;
    }

    /** Takes a new sample of recent estimates (newest first): cold-start median, adaptive bounds. */
    void refresh(List<Long> sample) {
        recent = RecentEstimates.of(sample);
        bounds = classifier.bounds(recent);
    }

    /**
     * @param who     who submits: the API key's name, its tenant and the tenant's cap ({@link Submitter#SDK}: none)
     * @param awaited whether the caller will await the job's end
     */
    Validated validate(SubmitRequest request, Submitter who, boolean awaited) {
        return new Validated(request, payload(request), who, awaited);
    }

    CostqSettings settings() {
        return settings;
    }

    int historyWindow() {
        return estimator.settings().window();
    }

    Estimate estimate(String type, List<Long> historyNewestFirst) {
        return estimator.estimate(type, historyNewestFirst, recent);
    }

    ClassBounds bounds() {
        return bounds;
    }

    /** Estimates from the user's history (newest first), classifies, and builds the job. */
    NewJob prepare(Validated v, List<Long> history) {
        return prepareIn(v, history, partitions.forJob(v.who().tenant(), v.request().user(), v.request().orderingKey(), v.request().channel()));
    }

    /** The same in a given partition (a recurring schedule's jobs live in the schedule's). */
    NewJob prepareIn(Validated v, List<Long> history, int partition) {
        SubmitRequest r = v.request();
        Estimate e = estimate(r.type(), history);
        int costClass = bounds.classify(e.ms());
        long now = clock.millis();
        var jobs = settings.jobs();
        return new NewJob(ids.next(now, partition, partitions.count()), partition, r.user(), r.type(), v.payload(), costClass,
                e.ms(), now, r.maxAttempts() == null ? jobs.defaultMaxAttempts() : r.maxAttempts(),
                r.timeoutMs() == null ? jobs.defaultTimeoutMs() : r.timeoutMs(), options(r, v.who(), now),
                submits.getAndIncrement() % RECENT_SAMPLE_EVERY == 0, v.awaited());
    }

    private NewJob.Options options(SubmitRequest r, Submitter who, long now) {
        String owner = who.owner();
        String tenant = who.storedTenant();
        boolean awaitAck = Boolean.TRUE.equals(r.awaitAck());
        Long runAt = dueAt(r, now);
        long laneMs = settings.lanes().offsetMs(r.lane());
        if (r.idempotencyKey() == null && r.startWithinMs() == null && owner == null && r.orderingKey() == null
                && r.channel() == null && !awaitAck && runAt == null && r.lane() == null && laneMs == 0
                && r.costKey() == null && tenant == null && who.maxQueued() == 0) {
            return NewJob.Options.NONE;
        }
        long ackTimeout = r.ackTimeoutMs() != null ? r.ackTimeoutMs() : settings.delivery().defaultAckTimeoutMs();
        long startFrom = runAt == null ? now : runAt; // a delayed job's start window opens when it is due
        return new NewJob.Options(r.idempotencyKey(), r.startWithinMs() == null ? null : startFrom + r.startWithinMs(), owner,
                r.orderingKey(), r.channel(), awaitAck, awaitAck ? ackTimeout : 0, runAt, r.lane(), laneMs, r.costKey(), tenant,
                who.maxQueued());
    }

    /** When a delayed job is due (epoch ms), or null when it is due now (no delay, or a runAt not after now). */
    static Long dueAt(SubmitRequest r, long now) {
        long due = r.delayMs() != null ? now + r.delayMs() : r.runAt() != null ? r.runAt().toEpochMilli() : now;
        return due > now ? due : null;
    }

    /** Checks the request field by field (the first problem names its field); returns the payload as compact JSON. */
    private String payload(SubmitRequest r) {
        if (r == null) throw new InvalidInputException("body", "a JSON object with user and type is required");
        text("user", r.user(), true);
        text("type", r.type(), true);
        text("idempotencyKey", r.idempotencyKey(), false);
        text("orderingKey", r.orderingKey(), false);
        text("costKey", r.costKey(), false);
        if (r.channel() != null && !settings.delivery().channels().containsKey(r.channel())) {
            throw new InvalidInputException("channel", "unknown channel '" + r.channel() + "'; configured: "
                    + new java.util.TreeSet<>(settings.delivery().channels().keySet()));
        }
        if (r.ackTimeoutMs() != null && (r.ackTimeoutMs() < 1 || r.ackTimeoutMs() > 86_400_000L)) {
            throw new InvalidInputException("ackTimeoutMs", "ackTimeoutMs must be in 1..86400000");
        }
        if (r.ackTimeoutMs() != null && !Boolean.TRUE.equals(r.awaitAck())) {
            throw new InvalidInputException("ackTimeoutMs", "ackTimeoutMs needs awaitAck: true");
        }
        timing(r);
        if (r.lane() != null && !settings.lanes().has(r.lane())) {
            throw new InvalidInputException("lane", "unknown lane '" + r.lane() + "'; configured: "
                    + new java.util.TreeSet<>(settings.lanes().offsetsMs().keySet()));
        }
        TypeGate.requireName(r.type());
        if (r.maxAttempts() != null && (r.maxAttempts() < 1 || r.maxAttempts() > 100)) {
            throw new InvalidInputException("maxAttempts", "maxAttempts must be in 1..100");
        }
        if (r.timeoutMs() != null && (r.timeoutMs() < 1 || r.timeoutMs() > 86_400_000L)) {
            throw new InvalidInputException("timeoutMs", "timeoutMs must be in 1..86400000");
        }
        if (r.startWithinMs() != null && (r.startWithinMs() < 1 || r.startWithinMs() > 86_400_000L)) {
            throw new InvalidInputException("startWithinMs", "startWithinMs must be in 1..86400000");
        }
        JsonNode payload = r.payload();
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw new InvalidInputException("payload", "payload must be a JSON object");
        }
        String json;
        try {
            json = payload == null || payload.isNull() ? "{}" : JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("payload", "payload is not serialisable JSON");
        }
        if (json.length() > settings.jobs().payloadMaxBytes()) { // chars <= bytes, so check chars first, cheap
            throw new InvalidInputException("payload", "payload exceeds " + settings.jobs().payloadMaxBytes() + " bytes");
        }
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > settings.jobs().payloadMaxBytes()) {
            throw new InvalidInputException("payload", "payload exceeds " + settings.jobs().payloadMaxBytes() + " bytes");
        }
        types.check(r.type(), payload);
        return json;
    }

    /** The latest a delayed job may be due: a year ahead. */
    static final long MAX_DELAY_MS = 366L * 86_400_000L;

    private void timing(SubmitRequest r) {
        if (r.delayMs() != null && r.runAt() != null) throw new InvalidInputException("runAt", "give delayMs or runAt, not both");
        if (r.delayMs() != null && (r.delayMs() < 0 || r.delayMs() > MAX_DELAY_MS)) {
            throw new InvalidInputException("delayMs", "delayMs must be in 0.." + MAX_DELAY_MS);
        }
        if (r.runAt() != null && (r.runAt().toEpochMilli() < 0 || r.runAt().toEpochMilli() > clock.millis() + MAX_DELAY_MS)) {
            throw new InvalidInputException("runAt", "runAt must be at most a year ahead");
        }
    }

    static void text(String field, String value, boolean required) {
        if (value == null) {
            if (required) throw new InvalidInputException(field, field + " is required");
            return;
        }
        if (value.isBlank()) throw new InvalidInputException(field, field + " must not be blank");
        if (value.length() > MAX_ID_CHARS) throw new InvalidInputException(field, field + " is longer than " + MAX_ID_CHARS + " characters");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) throw new InvalidInputException(field, field + " must not contain control characters");
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) throw new InvalidInputException(field, field + " is not valid UTF-8 text");
                i++;
            }
        }
    }
}
