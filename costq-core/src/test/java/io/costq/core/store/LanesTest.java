package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.InvalidInputException;
import io.costq.core.job.ClaimedJob;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lanes: a job's class-queue score is queued-at + its lane's offset (interactive 0, batch {@link #BATCH} by default),
 * so an interactive job goes before a batch job queued less than the offset earlier, and a batch job never waits more
 * than the offset behind newer interactive ones.
 */
class LanesTest extends StoreTest {
    /** The batch lane's default offset. */
    static final long BATCH = io.costq.core.LaneSettings.DEFAULT.offsetsMs().get("batch");


    private String submit(String lane) {
        return client.submit(jobs.job().request().withLane(lane)).id();
    }

    @Test
    void anInteractiveJobGoesBeforeABatchJobQueuedLessThanTheOffsetEarlier() {
        String batch = submit("batch");
        clock.tick(Duration.ofMillis(BATCH - 1_000));
        String interactive = submit("interactive");
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id).containsExactly(interactive);
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id).containsExactly(batch);
        assertThat(client.get(batch).orElseThrow().lane()).isEqualTo("batch");
        assertThat(client.get(interactive).orElseThrow().lane()).isEqualTo("interactive");
    }

    @Test
    void aBatchJobWaitsAtMostItsOffsetBehindNewerInteractiveJobs() {
        String batch = submit("batch");
        clock.tick(Duration.ofMillis(BATCH + 1_000));
        String interactive = submit(null); // the default lane: interactive
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id).containsExactly(batch);
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id).containsExactly(interactive);
        assertThat(client.get(interactive).orElseThrow().lane()).as("not named: the default lane").isNull();
    }

    @Test
    void aBatchJobWhoseLeaseExpiredGoesBackBehindInteractiveJobsByItsOffset() {
        String batch = submit("batch");
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", 1_000)).extracting(ClaimedJob::id).containsExactly(batch);
        clock.tick(Duration.ofMillis(500));
        String interactive = submit("interactive"); // queued 500 ms after the batch job, well within its offset
        clock.tick(Duration.ofMillis(1_000));
        assertThat(store.requeueExpired(0, clock.millis(), 100).requeued()).isEqualTo(1);
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id)
                .as("re-queued at queued-at + the batch offset, not at the bare queued-at").containsExactly(interactive);
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", JobFixture.LEASE_MS)).extracting(ClaimedJob::id).containsExactly(batch);
    }

    @Test
    void anUnknownLaneIsRejectedNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit("vip")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("lane");
    }
}
