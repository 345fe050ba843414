package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.model.ClassifierSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code promoteRetries.lua}: a retry whose backoff is over re-enters its class queue (QUEUED -> QUEUED). */
class PromoteRetriesTest extends StoreTest {

    @Test
    void aDueRetryReentersItsQueueAtItsOriginalQueuedAtAndLosesItsRunAt() {
        ClaimedJob job = jobs.job().running("n1");
        store.fail(job, "boom", clock.millis(), clock.millis() + 100, 1);
        clock.tick(Duration.ofMillis(99));
        assertThat(store.lookAtQueues(0, clock.millis()).totalDepth()).isZero();
        clock.tick(Duration.ofMillis(1));

        assertThat(store.lookAtQueues(0, clock.millis()).classes().get(JobFixture.PRIOR_CLASS).depth()).isEqualTo(1);
        assertThat(redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "noop")).getScore(job.id())).isEqualTo((double) job.queuedAtMs());
        assertThat(client.get(job.id()).orElseThrow().runAt()).isNull();
        assertThat(members(keys.delayed())).isEmpty();
    }

    @Test
    void aRetryOfAClassAboveALoweredClassCountGoesToTheLastClass() {
        jobs.history("slow", 12_000);
        ClaimedJob job = jobs.job().user("slow").running("n1"); // class 3 of 4
        assertThat(job.costClass()).isEqualTo(3);
        store.fail(job, "boom", clock.millis(), clock.millis(), 1);
        store.apply(settings.withClassifier(new ClassifierSettings(2, ClassifierSettings.Mode.FIXED, List.of(1_000L), 100)));
        store.lookAtQueues(0, clock.millis());
        assertThat(members(keys.queue(1, "noop"))).containsExactly(job.id()); // the last of 2 classes
        assertThat(members(keys.delayed())).isEmpty();
    }
}
