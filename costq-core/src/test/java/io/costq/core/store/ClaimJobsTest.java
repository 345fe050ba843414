package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@code claimJobs.lua}: QUEUED -> RUNNING under a lease and a fencing token; QUEUED -> EXPIRED; parking. */
class ClaimJobsTest extends StoreTest {

    @Test
    void aClaimLeasesTheHeadJobsWithFreshTokensAndCountsTheAttempt() {
        String a = jobs.job().queued();
        clock.tick(Duration.ofMillis(5));
        String b = jobs.job().queued();
        List<ClaimedJob> claimed = jobs.claim(JobFixture.PRIOR_CLASS, 10, "n1", 1_000);

        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(a, b);
        assertThat(claimed.get(1).token()).isGreaterThan(claimed.get(0).token());
        assertThat(claimed).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(1));
        JobView running = client.get(a).orElseThrow();
        assertThat(running.status()).isEqualTo(JobState.RUNNING);
        assertThat(running.node()).isEqualTo("n1");
        assertThat(redis.getScoredSortedSet(keys.running()).getScore(a)).isEqualTo((double) clock.millis() + 1_000);
        assertThat(jobs.claim("n2")).isEmpty();
    }

    @Test
    void aClaimOverSeveralTypesTakesTheOldestJobsAcrossTheirQueues() {
        String a = jobs.job().queued();
        clock.tick(Duration.ofMillis(5));
        String b = jobs.job().queued();
        clock.tick(Duration.ofMillis(5));
        String c = jobs.job().queued();
        // b becomes a 'sleep' job, in its own queue of the class, scored as before
        double scoreB = redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "noop"), StringCodec.INSTANCE).getScore(b);
        redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "noop"), StringCodec.INSTANCE).remove(b);
        redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "sleep"), StringCodec.INSTANCE).add(scoreB, b);
        redis.getMap(keys.job(b), StringCodec.INSTANCE).fastPut("type", "sleep");
        List<String> types = List.of("cpu", "noop", "sleep");

        List<ClaimedJob> first = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 2, "n1", clock.millis(), 1_000, false, types)).jobs();
        assertThat(first).extracting(ClaimedJob::id).containsExactly(a, b);
        assertThat(first).extracting(ClaimedJob::type).containsExactly("noop", "sleep");
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "sleep"))).isEmpty();
        List<ClaimedJob> next = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 2, "n1", clock.millis(), 1_000, false, types)).jobs();
        assertThat(next).extracting(ClaimedJob::id).containsExactly(c); // the one queue left with a job: taken alone
        assertThat(members(keys.running())).containsExactlyInAnyOrder(a, b, c);
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).isEmpty();
    }

    @Test
    void aJobNotStartedBeforeItsDeadlineExpires() {
        String late = jobs.job().startWithin(1_000).queued();
        String onTime = jobs.job().startWithin(5_000).queued();
        clock.tick(Duration.ofMillis(2_000));

        assertThat(jobs.claim("n1")).extracting(ClaimedJob::id).containsExactly(onTime);
        JobView expired = client.get(late).orElseThrow();
        assertThat(expired.status()).isEqualTo(JobState.EXPIRED);
        assertThat(expired.error()).contains("deadline");
    }

    @Test
    void aJobWhoseChannelIsFullIsParkedStillQueued() {
        var sms = new DeliverySettings.Channel("sms", 1, 0);
        use(settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms))));
        String a = jobs.job().channel("sms").queued();
        String b = jobs.job().channel("sms").queued();

        List<ClaimedJob> claimed = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 2, "n1", clock.millis(), 30_000, false)).jobs();
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(a); // width 1
        assertThat(client.get(b).orElseThrow().status()).isEqualTo(JobState.QUEUED);
        assertThat(members(keys.channelWaiting("sms"))).containsExactly(b);
        assertThat(members(keys.channelInUse("sms"))).containsExactly(a);
    }

    @Test
    void aClaimThatDoesNotReportLeavesDueRetriesForTheNextReport() {
        jobs.job().queued();
        jobs.job().queued();
        ClaimedJob first = jobs.claim(JobFixture.PRIOR_CLASS, 1, "n1", 30_000).get(0);
        assertThat(store.fail(first, "boom", clock.millis(), clock.millis() + 10, 1)).isEqualTo(FailJob.Outcome.RETRY_SCHEDULED);
        clock.tick(Duration.ofMillis(20)); // the retry is due

        JobStore.Claimed quiet = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 5, "n1", clock.millis(), 30_000, false));
        assertThat(quiet.queues()).isNull();
        assertThat(quiet.jobs()).extracting(ClaimedJob::id).doesNotContain(first.id()); // not promoted yet
        assertThat(members(keys.delayed())).hasSize(1);

        JobStore.Claimed reported = store.claim(0, new Claim(JobFixture.PRIOR_CLASS, 5, "n1", clock.millis(), 30_000, true));
        assertThat(reported.jobs()).extracting(ClaimedJob::id).containsExactly(first.id());
        assertThat(reported.queues().classes()).hasSize(4);
        assertThat(reported.queues().totalDepth()).isZero();
    }

    @Test
    void aStaleQueueEntryOfAJobNoLongerQueuedIsNotClaimed() {
        String id = jobs.job().queued();
        client.cancel(id);
        redis.getScoredSortedSet(keys.queue(JobFixture.PRIOR_CLASS, "noop")).add(clock.millis(), id); // left behind
        assertThat(jobs.claim("n1")).isEmpty();
        assertThat(client.get(id).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
    }
}
