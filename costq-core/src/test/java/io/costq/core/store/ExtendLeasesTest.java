package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code extendLeases.lua}: RUNNING -> RUNNING with a later lease deadline, only for the token holder. */
class ExtendLeasesTest extends StoreTest {

    @Test
    void aRenewedLeaseIsNotReaped() {
        ClaimedJob job = jobs.job().user("carol").running("n1", 1_000);
        clock.tick(Duration.ofMillis(800));
        assertThat(store.renew(Map.of(job.id(), job.token()), clock.millis(), 1_000).lost()).isEmpty();
        clock.tick(Duration.ofMillis(800)); // 1.6 s after the claim, 0.8 s after the renewal
        assertThat(store.requeueExpired(0, clock.millis(), 100).requeued()).isZero();
        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void anOwnerWhoseLeaseWentToAnotherNodeIsToldItIsLost() {
        ClaimedJob first = jobs.job().running("n1", 1_000);
        clock.tick(Duration.ofMillis(1_500));
        store.requeueExpired(0, clock.millis(), 100);
        ClaimedJob second = jobs.claim(JobFixture.PRIOR_CLASS, 1, "n2", 1_000).get(0);

        JobStore.Renewals r = store.renew(Map.of(first.id(), first.token()), clock.millis(), 1_000);
        assertThat(r.lost()).containsExactly(first.id());
        assertThat(r.unreached()).isEmpty();
        assertThat(store.renew(Map.of(second.id(), second.token()), clock.millis(), 1_000).lost()).isEmpty();
    }

    @Test
    void aRenewalReportsACancelRequest() {
        ClaimedJob job = jobs.job().running("n1");
        client.cancel(job.id());
        assertThat(store.renew(Map.of(job.id(), job.token()), clock.millis(), 1_000).cancelRequested()).containsExactly(job.id());
    }
}
