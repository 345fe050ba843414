package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import org.junit.jupiter.api.Test;

/** {@code cancelJob.lua}: QUEUED -> CANCELLED; a RUNNING job's owner is asked to stop it. */
class CancelJobTest extends StoreTest {

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverClaimed() {
        String id = jobs.job().queued();
        assertThat(client.cancel(id)).isEqualTo(CancelJob.Outcome.CANCELLED);
        assertThat(client.get(id).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.claim("n1")).isEmpty();
        assertThat(client.cancel(id)).isEqualTo(CancelJob.Outcome.ALREADY_FINISHED);
        assertThat(client.cancel("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
        assertThat(client.cancel("../x")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
    }

    @Test
    void aRunningJobIsAskedToStopAndKeepsRunningUntilItsOwnerEndsIt() {
        ClaimedJob job = jobs.job().running("n1");
        assertThat(client.cancel(job.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
        var view = client.get(job.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(JobState.RUNNING);
        assertThat(view.cancelRequested()).isTrue();
    }

    @Test
    void aCancelledJobLetsTheNextJobOfItsKeyStart() {
        String first = jobs.job().orderingKey("room").queued();
        String second = jobs.job().orderingKey("room").queued();
        assertThat(client.cancel(first)).isEqualTo(CancelJob.Outcome.CANCELLED);
        assertThat(jobs.claim("n1")).extracting(ClaimedJob::id).containsExactly(second);
    }
}
