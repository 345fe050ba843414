package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.model.ClassifierSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code reconcileQueues.lua}: after the class count or the channels changed, no queued job is left where no worker
 * looks (QUEUED -> QUEUED).
 */
class ReconcileQueuesTest extends StoreTest {

    @Test
    void jobsInTheQueueOfAClassAboveALoweredClassCountStillRunAndTheirKeyMovesOn() {
        jobs.history("slow", 12_000); // class 3 under 4 classes
        SubmitRequest a = SubmitRequest.of("slow", "noop", null).withDelivery("room", null, null, null);
        var first = client.submit(a);
        var second = client.submit(a);
        assertThat(first.costClass()).isEqualTo(3);
        ClaimedJob running = jobs.claim(3, 1, "n1", 30_000).get(0);
        store.complete(List.of(new Ending(running, Ending.End.SUCCEEDED, "{}", 5)), clock.millis()).get(0).join();
        assertThat(members(keys.queue(3, "noop"))).as("released into its own class").containsExactly(second.id());

        // the operator lowers the class count to 3: q:3 drains into the last class
        store.apply(settings.withClassifier(new ClassifierSettings(3, ClassifierSettings.Mode.FIXED, List.of(2_000L, 5_000L), 100)));
        assertThat(store.reconcileQueues(0)).isEqualTo(1);
        assertThat(jobs.claim(2, 5, "n1", 30_000)).extracting(ClaimedJob::id).containsExactly(second.id());
        assertThat(store.reconcileQueues(0)).isZero();
    }

    @Test
    void jobsParkedOnAChannelThatLeftTheConfigGoBackToTheirQueues() {
        var sms = new DeliverySettings.Channel("sms", 1, 0);
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        String a = jobs.job().channel("sms").queued();
        String b = jobs.job().channel("sms").queued();
        List<ClaimedJob> first = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 2, "n1", clock.millis(), 30_000, false)).jobs();
        assertThat(first).extracting(ClaimedJob::id).containsExactly(a); // b parked: width 1

        // a config version without the channel: the parked job must not be stranded
        store.apply(settings.withDelivery(new DeliverySettings(30_000, Map.of())));
        store.channels().put(100, List.of());
        assertThat(store.reconcileQueues(0)).isEqualTo(1);
        assertThat(jobs.claim(JobFixture.PRIOR_CLASS, 2, "n1", 30_000)).extracting(ClaimedJob::id).containsExactly(b);
    }
}
