package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.job.ClaimedJob;
import io.costq.model.ClassifierSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@code reportQueues.lua}: every class queue's depth, head age and head estimate, and nothing written. */
class ReportQueuesTest extends StoreTest {

    @Test
    void theReportGivesDepthHeadQueuedAtAndHeadEstimatePerClass() {
        jobs.job().user("erin").queued();
        clock.tick(Duration.ofMillis(10));
        jobs.job().user("erin").queued();
        var q = store.queues();
        assertThat(q.classes()).hasSize(4);
        assertThat(q.classes().get(JobFixture.PRIOR_CLASS).depth()).isEqualTo(2);
        assertThat(q.classes().get(JobFixture.PRIOR_CLASS).headQueuedAtMs()).isEqualTo(clock.millis() - 10);
        assertThat(q.classes().get(JobFixture.PRIOR_CLASS).headEstimateMs()).isEqualTo(settings.estimator().defaultPriorMs());
        assertThat(q.classes().get(3).isEmpty()).isTrue();
        assertThat(client.queues().get(JobFixture.PRIOR_CLASS).oldestAgeMs()).isEqualTo(10);
    }

    @Test
    void readingTheQueuesAndChannelsWritesNothingEvenWithWorkDue() {
        var sms = new DeliverySettings.Channel("sms", 1, 0);
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        // a due retry, a job parked on a channel with room again, a queue above a lowered class count
        ClaimedJob retried = jobs.job().running("n1");
        store.fail(retried, "boom", clock.millis(), clock.millis(), 1);
        jobs.job().channel("sms").queued();
        jobs.job().channel("sms").queued();
        ClaimedJob permit = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 2, "n1", clock.millis(), 30_000, false)).jobs().get(0);
        store.complete(List.of(new Ending(permit, Ending.End.SUCCEEDED, "{}", 1)), clock.millis()).get(0).join();
        jobs.history("slow", 12_000);
        jobs.job().user("slow").queued();
        clock.tick(Duration.ofMillis(1_000));
        use(settings.withClassifier(new ClassifierSettings(3, ClassifierSettings.Mode.FIXED, List.of(2_000L, 5_000L), 100)));
        Map<String, String> before = dump();

        client.queues();
        client.channels();
        client.dead(10);
        client.stats();
        assertThat(dump()).isEqualTo(before);
    }

    /** Every key of the test's prefix with its serialized value (DUMP), sorted. */
    private Map<String, String> dump() {
        Map<String, String> out = new TreeMap<>();
        List<String> names = new ArrayList<>();
        redis.getKeys().getKeysByPattern("\\{" + settings.keyPrefix() + ":*").forEach(names::add);
        assertThat(names).as("keys of the test").isNotEmpty();
        for (String k : names) out.put(k, HexFormat.of().formatHex(redis.getBucket(k, StringCodec.INSTANCE).dump()));
        return out;
    }
}
