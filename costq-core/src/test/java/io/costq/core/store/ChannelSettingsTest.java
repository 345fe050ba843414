package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code putChannels.lua} and the claim scripts: a channel's width, rate and pause are the ones stored in Redis by the
 * newest config version, whatever the claiming node's own config says.
 */
class ChannelSettingsTest extends StoreTest {
    private final DeliverySettings.Channel sms = new DeliverySettings.Channel("sms", 1, 0);

    private List<ClaimedJob> claim(int max) {
        return store.claim(0, new Claim(JobFixture.PRIOR_CLASS, max, "n1", clock.millis(), 30_000, false)).jobs();
    }

    @Test
    void theStoredWidthHoldsWhateverTheClaimingNodesConfigSays() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        // a node started with width 5 for the same channel claims by the stored width 1 (of a live config version)
        JobStore stale = new JobStore(redis, settings.withDelivery(new DeliverySettings(30_000,
                Map.of("sms", new DeliverySettings.Channel("sms", 5, 0)))));
        stale.channels().putStartUp(List.of(new DeliverySettings.Channel("sms", 5, 0)));
        for (int i = 0; i < 3; i++) jobs.job().channel("sms").queued();

        assertThat(stale.claim(0, new Claim(JobFixture.PRIOR_CLASS, 3, "stale", clock.millis(), 30_000, false)).jobs()).hasSize(1);
        assertThat(store.channels().stored().channels().get("sms").maxConcurrency()).isEqualTo(1);
    }

    @Test
    void onlyANewerVersionReplacesTheStoredSettings() {
        store.channels().put(5, List.of(new DeliverySettings.Channel("sms", 3, 2.5)));
        assertThat(store.channels().put(4, List.of(new DeliverySettings.Channel("sms", 9, 0)))).isFalse();
        assertThat(store.channels().put(5, List.of())).isFalse();
        assertThat(store.channels().stored()).isEqualTo(new ChannelStore.Stored(5,
                Map.of("sms", new DeliverySettings.Channel("sms", 3, 2.5))));

        assertThat(store.channels().put(6, List.of(new DeliverySettings.Channel("email", 2, 0, true)))).isTrue();
        assertThat(store.channels().stored()).isEqualTo(new ChannelStore.Stored(6,
                Map.of("email", new DeliverySettings.Channel("email", 2, 0, true))));
    }

    @Test
    void startUpConfigsReplaceEachOtherUntilALiveVersionIsStored() {
        ChannelStore fresh = new JobStore(redis, io.costq.core.CostqSettings.defaults(io.costq.core.testing.TestRedis.freshPrefix())).channels();
        assertThat(fresh.put(0, List.of(new DeliverySettings.Channel("sms", 1, 0)))).isTrue();
        assertThat(fresh.put(0, List.of(new DeliverySettings.Channel("sms", 3, 0)))).as("a restart with a new start-up width").isTrue();
        assertThat(fresh.stored().channels().get("sms").maxConcurrency()).isEqualTo(3);
        assertThat(fresh.put(1, List.of(new DeliverySettings.Channel("sms", 2, 0)))).isTrue();
        assertThat(fresh.put(0, List.of(new DeliverySettings.Channel("sms", 9, 0)))).isFalse();
        assertThat(fresh.stored().channels().get("sms").maxConcurrency()).isEqualTo(2);
    }

    @Test
    void aPausedChannelsJobsStayQueuedUntilItIsResumed() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 2, 0, true)))));
        String a = jobs.job().channel("sms").queued();
        String other = jobs.job().queued();

        assertThat(claim(5)).extracting(ClaimedJob::id).containsExactly(other);
        assertThat(client.get(a).orElseThrow().status()).isEqualTo(JobState.QUEUED);
        assertThat(members(keys.channelWaiting("sms"))).containsExactly(a);
        assertThat(claim(5)).as("still paused: not released").isEmpty();

        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 2, 0)))));
        assertThat(claim(5)).extracting(ClaimedJob::id).containsExactly(a);
    }

    @Test
    void jobsParkedOnAChannelWhoseSettingsAreGoneAreReleasedLikeTheClaimTreatsThemUnlimited() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        String a = jobs.job().channel("sms").queued();
        String b = jobs.job().channel("sms").queued();
        assertThat(claim(2)).extracting(ClaimedJob::id).containsExactly(a);
        store.channels().put(100, List.of()); // a version without the channel, while this node still knows it

        assertThat(claim(2)).extracting(ClaimedJob::id).containsExactly(b);
    }

    @Test
    void loweringTheWidthBelowThePermitsInUseStartsNothingUntilRunsEnd() {
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 3, 0)))));
        for (int i = 0; i < 5; i++) jobs.job().channel("sms").queued();
        List<ClaimedJob> running = claim(3);
        assertThat(running).hasSize(3);

        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", 1, 0)))));
        store.complete(List.of(new Ending(running.get(0), Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join();
        assertThat(claim(5)).as("2 permits still held, width 1").isEmpty();
        store.complete(List.of(new Ending(running.get(1), Ending.End.SUCCEEDED, "{}", 1),
                new Ending(running.get(2), Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).forEach(f -> f.join());
        assertThat(claim(5)).hasSize(1);
    }
}
