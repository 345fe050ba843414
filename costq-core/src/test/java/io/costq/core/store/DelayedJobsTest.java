package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.CostqClient;
import io.costq.core.client.DuePromoter;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.types.JobTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delayed jobs ({@code delayMs}, {@code runAt}): SCHEDULED until due, then promoted by {@code promoteScheduled.lua}
 * — estimated at due time, queued once whoever promotes — and cancellable while scheduled. The clock is stepped.
 */
class DelayedJobsTest extends StoreTest {

    private DuePromoter promoter() {
        return new DuePromoter(client);
    }

    @Test
    void aDelayedJobIsNotClaimableBeforeItsRunAtAndIsAfter() {
        String id = client.submit(jobs.job().request().withDelay(5_000)).id();
        assertThat(client.get(id).orElseThrow().status()).isEqualTo(JobState.SCHEDULED);
        assertThat(client.get(id).orElseThrow().runAt()).isEqualTo(clock.millis() + 5_000);

        clock.tick(Duration.ofMillis(4_999));
        assertThat(promoter().promoteOnce(clock.millis())).isZero();
        assertThat(jobs.claim("n1")).isEmpty();

        clock.tick(Duration.ofMillis(1));
        assertThat(promoter().promoteOnce(clock.millis())).isEqualTo(1);
        List<ClaimedJob> claimed = jobs.claim("n1");
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(id);
        assertThat(claimed.get(0).queuedAtMs()).as("queued when due").isEqualTo(clock.millis());
        assertThat(members(keys.scheduled())).isEmpty();
    }

    @Test
    void aRunAtInThePastQueuesAtOnceAndOneInTheFutureSchedules() {
        String past = client.submit(jobs.job().request().withRunAt(Instant.ofEpochMilli(clock.millis() - 1))).id();
        String future = client.submit(jobs.job().request().withRunAt(Instant.ofEpochMilli(clock.millis() + 60_000))).id();
        assertThat(client.get(past).orElseThrow().status()).isEqualTo(JobState.QUEUED);
        assertThat(client.get(future).orElseThrow().status()).isEqualTo(JobState.SCHEDULED);
        assertThat(members(keys.scheduled())).containsExactly(future);
    }

    @Test
    void theEstimateIsTakenAtDueTimeFromTheUsersHistoryThen() {
        String id = client.submit(jobs.job().user("grows").request().withDelay(1_000)).id();
        assertThat(client.get(id).orElseThrow().costClass()).isEqualTo(PRIOR_CLASS);
        jobs.history("grows", 12_000); // the user's runs became slow before the job was due
        clock.tick(Duration.ofSeconds(1));
        promoter().promoteOnce(clock.millis());
        var job = client.get(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobState.QUEUED);
        assertThat(job.estimateMs()).isEqualTo(12_000);
        assertThat(job.costClass()).isEqualTo(3);
        assertThat(members(keys.queue(3, "noop"))).containsExactly(id);
    }

    @Test
    void aScheduledJobIsCancelledAtOnceAndNeverQueued() {
        String id = client.submit(jobs.job().request().withDelay(1_000)).id();
        assertThat(client.cancel(id)).isEqualTo(CancelJob.Outcome.CANCELLED);
        assertThat(client.get(id).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        clock.tick(Duration.ofSeconds(2));
        assertThat(promoter().promoteOnce(clock.millis())).isZero();
        assertThat(jobs.claim("n1")).isEmpty();
        assertThat(client.cancel(id)).isEqualTo(CancelJob.Outcome.ALREADY_FINISHED);
    }

    @Test
    void twoPromotersAtOnceQueueEachDueJobOnce() throws Exception {
        List<SubmitRequest> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) batch.add(jobs.job().user("u" + (i % 5)).request().withDelay(100));
        var ids = client.submitAll(batch);
        clock.tick(Duration.ofMillis(100));
        try (CostqClient other = new CostqClient(redis, settings, JobTypes.builtIns(), clock)) {
            var a = new java.util.concurrent.CompletableFuture<Long>();
            Thread t = new Thread(() -> a.complete(new DuePromoter(other).promoteOnce(clock.millis())));
            t.start();
            long mine = promoter().promoteOnce(clock.millis());
            t.join();
            assertThat(mine + a.join()).isEqualTo(250);
        }
        assertThat(redis.getScoredSortedSet(keys.queue(PRIOR_CLASS, "noop")).size()).isEqualTo(250);
        assertThat(ids).allSatisfy(s -> assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.QUEUED));
    }

    @Test
    void aDelayedJobWithAnOrderingKeyJoinsItsKeyWhenDue() {
        String first = jobs.job().orderingKey("room").queued();
        String later = client.submit(jobs.job().orderingKey("room").request().withDelay(1_000)).id();
        clock.tick(Duration.ofSeconds(1));
        promoter().promoteOnce(clock.millis());
        assertThat(members(keys.queue(PRIOR_CLASS, "noop"))).containsExactly(first); // the key's head only
        assertThat(redis.getList(keys.orderingKey("room"), org.redisson.client.codec.StringCodec.INSTANCE).readAll())
                .containsExactly(first, later);
    }
}
