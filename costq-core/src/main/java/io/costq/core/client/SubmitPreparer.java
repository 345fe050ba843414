package io.costq.core.client;

import io.costq.core.CostqSettings;
import io.costq.core.Ids;
import io.costq.core.store.NewJob;
import io.costq.core.store.Partitions;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.model.Estimate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first half of every submit, pure (no Redis): validate the request, then, given the user's run history,
 * estimate, classify and build the job to store, with its id and partition. One per set of live settings.
 */
final class SubmitPreparer {
    /** One submit in this many joins the recent-estimates sample: plenty for a median and quartiles. */
    private static final int RECENT_SAMPLE_EVERY = 4;

    /** A request that passed validation, with its payload as compact JSON. */
    record Validated(SubmitRequest request, String payload, String owner, boolean awaited) {
    }

    private final CostqSettings settings;
    private final SubmitValidator validator;
    private final Classification classification;
    private final Partitions partitions;
    private final Clock clock;
    private final Ids ids;
    private final AtomicLong submits;

    /** @param ids and submits are shared with the preparers of later settings (ids stay monotonic, sampling even) */
    SubmitPreparer(CostqSettings settings, JobTypes types, Classification classification, Partitions partitions, Clock clock,
                   Ids ids, AtomicLong submits) {
        this.settings = settings;
        this.validator = new SubmitValidator(types, settings);
        this.classification = classification;
        this.partitions = partitions;
        this.clock = clock;
        this.ids = ids;
        this.submits = submits;
    }

    /**
     * @param owner   who submitted (an API key's name), so that submitters read only their own jobs; may be null
     * @param awaited whether the caller will await the job's end
     */
    Validated validate(SubmitRequest request, String owner, boolean awaited) {
        return new Validated(request, validator.validate(request), owner, awaited);
    }

    Classification classification() {
        return classification;
    }

    int historyWindow() {
        return classification.historyWindow();
    }

    /** Estimates from the user's history (newest first), classifies, and builds the job. */
    NewJob prepare(Validated v, List<Long> history) {
        SubmitRequest r = v.request();
        Estimate e = classification.estimate(r.type(), history);
        int costClass = classification.bounds().classify(e.ms());
        long now = clock.millis();
        var jobs = settings.jobs();
        int partition = partitions.forJob(r.user(), r.orderingKey());
        return new NewJob(ids.next(now, partition, partitions.count()), partition, r.user(), r.type(), v.payload(), costClass,
                e.ms(), now, r.maxAttempts() == null ? jobs.defaultMaxAttempts() : r.maxAttempts(),
                r.timeoutMs() == null ? jobs.defaultTimeoutMs() : r.timeoutMs(), options(r, v.owner(), now),
                submits.getAndIncrement() % RECENT_SAMPLE_EVERY == 0, v.awaited());
    }

    private NewJob.Options options(SubmitRequest r, String owner, long now) {
        boolean awaitAck = Boolean.TRUE.equals(r.awaitAck());
        if (r.idempotencyKey() == null && r.startWithinMs() == null && owner == null && r.orderingKey() == null
                && r.channel() == null && !awaitAck) {
            return NewJob.Options.NONE;
        }
        long ackTimeout = r.ackTimeoutMs() != null ? r.ackTimeoutMs() : settings.delivery().defaultAckTimeoutMs();
        return new NewJob.Options(r.idempotencyKey(), r.startWithinMs() == null ? null : now + r.startWithinMs(), owner,
                r.orderingKey(), r.channel(), awaitAck, awaitAck ? ackTimeout : 0);
    }
}
