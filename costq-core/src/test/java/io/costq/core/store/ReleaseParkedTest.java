package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.job.ClaimedJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code releaseParked.lua}: jobs parked on a full channel re-enter their class queue once it has room. */
class ReleaseParkedTest extends StoreTest {
    private final DeliverySettings.Channel sms = new DeliverySettings.Channel("sms", 1, 0);

    private List<ClaimedJob> claim(int max) {
        return store.claim(0, new Claim(JobFixture.PRIOR_CLASS, max, "n1", clock.millis(), 30_000, false)).jobs();
    }

    @Test
    void aParkedJobIsReleasedWhenItsChannelHasRoomAndClaimedInTheSameRoundTrip() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        String a = jobs.job().channel("sms").queued();
        String b = jobs.job().channel("sms").queued();
        ClaimedJob first = claim(2).get(0);
        assertThat(first.id()).isEqualTo(a);
        assertThat(members(keys.channelWaiting("sms"))).containsExactly(b);
        assertThat(claim(2)).as("the channel is still full").isEmpty();
        assertThat(members(keys.channelWaiting("sms"))).containsExactly(b);

        store.complete(List.of(new Ending(first, Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join();
        assertThat(claim(2)).extracting(ClaimedJob::id).containsExactly(b);
        assertThat(members(keys.channelWaiting("sms"))).isEmpty();
    }

    @Test
    void lookingAtTheQueuesReleasesParkedJobsOfAChannelWithRoom() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        jobs.job().channel("sms").queued();
        String b = jobs.job().channel("sms").queued();
        ClaimedJob first = claim(2).get(0);
        store.complete(List.of(new Ending(first, Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join();

        assertThat(store.lookAtQueues(0, clock.millis()).classes().get(JobFixture.PRIOR_CLASS).depth()).isEqualTo(1);
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).containsExactly(b);
    }
}
