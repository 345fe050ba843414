package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ackJob.lua}: AWAITING_ACK -> SUCCEEDED on the external ack; an early ack is kept; a repeat changes nothing. */
class AckJobTest extends StoreTest {

    private void complete(ClaimedJob job) {
        assertThat(store.complete(List.of(new Ending(job, Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join())
                .isEqualTo(CompleteJobs.Outcome.DONE);
    }

    @Test
    void theAckEndsTheJobAndReleasesTheNextOfItsKey() {
        ClaimedJob job = jobs.job().orderingKey("chat").awaitingAck().running("n1");
        String next = jobs.job().orderingKey("chat").queued();
        complete(job);
        assertThat(client.ack(job.id())).isEqualTo(AckJob.Outcome.ACKED);

        JobView acked = client.get(job.id()).orElseThrow();
        assertThat(acked.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(acked.ack()).isEqualTo("acked");
        assertThat(members(keys.acks())).isEmpty();
        assertThat(jobs.claim("n1")).extracting(ClaimedJob::id).containsExactly(next);
        assertThat(client.ack(job.id())).as("a duplicate ack is harmless").isEqualTo(AckJob.Outcome.DUPLICATE);
        assertThat(client.ack("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(AckJob.Outcome.NOT_FOUND);
    }

    @Test
    void anAckBeforeTheRunEndedIsKeptAndTheRunThenEndsSucceeded() {
        ClaimedJob job = jobs.job().awaitingAck().running("n1");
        assertThat(client.ack(job.id())).isEqualTo(AckJob.Outcome.RECORDED_EARLY);
        complete(job);
        JobView done = client.get(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.ack()).isEqualTo("acked");
    }

    @Test
    void aJobThatAwaitsNoAckRefusesOne() {
        String id = jobs.job().queued();
        assertThat(client.ack(id)).isEqualTo(AckJob.Outcome.NOT_AWAITING);
    }
}
