package io.costq.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.TenantOverCapException;
import io.costq.core.job.Tenants;
import io.costq.core.store.AckJob;
import io.costq.core.store.CancelJob;
import io.costq.core.testing.SteppedRedisTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** Tenants in the store: the by-id scripts' scope, and the queued-jobs cap under concurrent submits. */
class TenantsTest extends SteppedRedisTest {
    private static final Submitter ACME = new Submitter("portal", "acme", 0);

    @Test
    void aJobOutsideTheCallersScopeIsNotFoundAndLeftAsItWas() {
        Submitted job = client.submit(ACME, SubmitRequest.of("u", "noop", null), false);
        assertThat(client.cancel(job.id(), "other")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
        assertThat(client.ack(job.id(), "other,globex")).isEqualTo(AckJob.Outcome.NOT_FOUND);
        assertThat(redis.<String, String>getMap(keys.job(job.id()), StringCodec.INSTANCE).readAllMap())
                .containsEntry("status", "QUEUED").containsEntry("tenant", "acme").doesNotContainKey("ackedEarly");
        assertThat(client.get(job.id()).orElseThrow().tenant()).isEqualTo("acme");
        assertThat(client.cancel(job.id(), "globex,acme")).isEqualTo(CancelJob.Outcome.CANCELLED);
    }

    @Test
    void theSdksJobsAreTheDefaultTenantsAndStoreNoTenantField() {
        Submitted job = client.submit(SubmitRequest.of("u", "noop", null));
        assertThat(redis.<String, String>getMap(keys.job(job.id()), StringCodec.INSTANCE).readAllMap()).doesNotContainKey("tenant");
        assertThat(client.get(job.id()).orElseThrow().tenant()).isEqualTo(Tenants.DEFAULT);
        assertThat(client.cancel(job.id(), "acme")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
        assertThat(client.cancel(job.id(), Tenants.DEFAULT)).isEqualTo(CancelJob.Outcome.CANCELLED);
    }

    @Test
    void concurrentSubmitsNeverOvershootTheCap() {
        Submitter capped = new Submitter("tiny", "tiny", 5);
        List<CompletableFuture<Submitted>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) all.add(client.submitAsync(capped, SubmitRequest.of("u" + i, "noop", null), false));
        int stored = 0, refused = 0;
        for (CompletableFuture<Submitted> f : all) {
            try {
                f.join();
                stored++;
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(TenantOverCapException.class);
                refused++;
            }
        }
        assertThat(stored).isEqualTo(5);
        assertThat(refused).isEqualTo(35);
    }
}
