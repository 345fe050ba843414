package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code expireAcks.lua}: AWAITING_ACK -> SUCCEEDED (ack = timeout) once the ack timeout passed. */
class ExpireAcksTest extends StoreTest {

    @Test
    void noAckWithinTheTimeoutEndsTheJobAndReleasesItsKey() {
        ClaimedJob job = jobs.job().orderingKey("t").awaitingAck().running("n1");
        String next = jobs.job().orderingKey("t").queued();
        store.complete(List.of(new Ending(job, Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join();
        long timeout = settings.delivery().defaultAckTimeoutMs();

        clock.tick(Duration.ofMillis(timeout - 1));
        assertThat(store.expireAcks(0, clock.millis(), 100)).isZero();
        clock.tick(Duration.ofMillis(1));
        assertThat(store.expireAcks(0, clock.millis(), 100)).isEqualTo(1);

        JobView timedOut = client.get(job.id()).orElseThrow();
        assertThat(timedOut.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(timedOut.ack()).isEqualTo("timeout");
        assertThat(jobs.claim("n1")).extracting(ClaimedJob::id).containsExactly(next);
    }
}
