package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code failJob.lua}: RUNNING -> QUEUED (after a backoff) | DEAD | CANCELLED. */
class FailJobTest extends StoreTest {

    @Test
    void aRetryableFailureBacksOffThenGoesDeadAfterMaxAttempts() {
        ClaimedJob a1 = jobs.job().user("dave").maxAttempts(2).running("n1", 1_000);
        assertThat(store.fail(a1, "boom", clock.millis(), clock.millis() + 500, 3)).isEqualTo(FailJob.Outcome.RETRY_SCHEDULED);
        var waiting = client.get(a1.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(JobState.QUEUED);
        assertThat(waiting.runAt()).isEqualTo(clock.millis() + 500);
        assertThat(members(keys.delayed())).containsExactly(a1.id());
        // not due yet: nothing to claim, however often the queues are looked at
        store.lookAtQueues(0, clock.millis());
        assertThat(jobs.claim("n1")).isEmpty();

        clock.tick(Duration.ofMillis(500));
        store.lookAtQueues(0, clock.millis()); // promotes the due retry
        ClaimedJob a2 = jobs.claim("n1").get(0);
        assertThat(a2.attempt()).isEqualTo(2);
        assertThat(store.fail(a2, "boom again", clock.millis(), clock.millis() + 500, 3)).isEqualTo(FailJob.Outcome.DEAD);
        var dead = client.get(a2.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(JobState.DEAD);
        assertThat(dead.error()).isEqualTo("boom again");
        assertThat(members(keys.dead())).containsExactly(a2.id());
    }

    @Test
    void aCancelRequestedDuringTheRunWinsOverARetryableFailure() {
        ClaimedJob job = jobs.job().running("n1");
        assertThat(client.cancel(job.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
        assertThat(store.fail(job, "boom", clock.millis(), clock.millis() + 10, 1)).isEqualTo(FailJob.Outcome.CANCELLED);
        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void onlyTheHolderOfTheCurrentTokenMayFailARun() {
        ClaimedJob job = jobs.job().running("n1");
        ClaimedJob stale = new ClaimedJob(job.id(), job.token() - 1, job.user(), job.type(), job.payloadJson(), job.estimateMs(),
                job.attempt(), job.timeoutMs(), job.queuedAtMs(), job.costClass());
        assertThat(store.fail(stale, "late", clock.millis(), clock.millis(), 1)).isEqualTo(FailJob.Outcome.STALE_TOKEN);
        assertThat(store.fail(job, "boom", clock.millis(), clock.millis() + 10, 1)).isEqualTo(FailJob.Outcome.RETRY_SCHEDULED);
        assertThat(store.fail(job, "twice", clock.millis(), clock.millis() + 10, 1)).isEqualTo(FailJob.Outcome.NOT_RUNNING);
        assertThat(client.stats()).containsEntry("staleCompletions", 2L);
    }
}
