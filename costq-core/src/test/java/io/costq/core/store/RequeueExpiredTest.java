package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code requeueExpired.lua}: RUNNING -> QUEUED | DEAD | CANCELLED once the lease has passed. */
class RequeueExpiredTest extends StoreTest {

    @Test
    void anExpiredLeaseGoesBackToItsQueueAtItsQueuedAtWhileAttemptsRemain() {
        ClaimedJob job = jobs.job().running("n1", 1_000);
        clock.tick(Duration.ofMillis(999));
        assertThat(store.requeueExpired(0, clock.millis(), 100)).isEqualTo(RequeueExpired.Outcome.NONE);
        clock.tick(Duration.ofMillis(2));
        assertThat(store.requeueExpired(0, clock.millis(), 100)).isEqualTo(new RequeueExpired.Outcome(1, 0));

        var view = client.get(job.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(JobState.QUEUED);
        assertThat(view.error()).contains("lease expired on node n1");
        assertThat(redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "noop")).getScore(job.id())).isEqualTo((double) job.queuedAtMs());
        assertThat(client.stats()).containsEntry("leaseExpiries", 1L);
    }

    @Test
    void anExpiredLeaseOnTheLastAttemptEndsDead() {
        ClaimedJob job = jobs.job().maxAttempts(1).running("n1", 1_000);
        clock.tick(Duration.ofMillis(1_001));
        assertThat(store.requeueExpired(0, clock.millis(), 100)).isEqualTo(new RequeueExpired.Outcome(0, 1));
        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.DEAD);
        assertThat(client.dead(10)).extracting(v -> v.id()).containsExactly(job.id());
    }

    @Test
    void aCancelRequestedDuringTheRunWinsOverTheRequeueOfItsExpiredLease() {
        ClaimedJob job = jobs.job().running("n1", 1_000);
        assertThat(client.cancel(job.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
        clock.tick(Duration.ofMillis(1_500)); // the owner died before it saw the cancel
        store.requeueExpired(0, clock.millis(), 100);
        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.claim("n2")).isEmpty();
    }
}
