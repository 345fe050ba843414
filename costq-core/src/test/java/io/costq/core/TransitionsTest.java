package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.CompleteJobs;
import io.costq.core.redis.ExtendLeases;
import io.costq.core.redis.FailJob;
import io.costq.core.redis.RequeueExpired;
import io.costq.core.testing.SteppedRedisTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** Each Lua transition against a real redis-server, with time stepped by a manual clock. */
class TransitionsTest extends SteppedRedisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Submitted submit(String user) throws Exception {
        return client.submit(SubmitRequest.of(user, "sleep", JSON.readTree("{\"ms\": 5}")));
    }


    private ClaimedJob claimOne(String node) {
        List<ClaimedJob> claimed = new ClaimJobs(redis, keys, 60_000).run(PRIOR_CLASS, 1, node, clock.millis(), 1_000, 4).claimed();
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    @Test
    void submitClaimCompleteLearnsTheRunDuration() throws Exception {
        Submitted s = submit("alice");
        assertThat(s.costClass()).isEqualTo(PRIOR_CLASS);
        assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.QUEUED);

        ClaimedJob job = claimOne("n1");
        assertThat(job.id()).isEqualTo(s.id());
        assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.RUNNING);
        clock.tick(java.time.Duration.ofMillis(40));
        var out = new CompleteJobs(redis, keys).run(new CompleteJobs.Ending(job, CompleteJobs.End.SUCCEEDED, "{\"ok\":true}", 37), clock.millis(), 10, 60_000);
        assertThat(out).isEqualTo(CompleteJobs.Outcome.DONE);

        var view = client.get(s.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(view.durationMs()).isEqualTo(37);
        assertThat(view.resultJson()).isEqualTo("{\"ok\":true}");
        assertThat(client.estimate("alice").historyMs()).containsExactly(37L);
        assertThat(redis.getKeys().remainTimeToLive(keys.job(s.id()))).isBetween(1L, 60_000L);
    }

    @Test
    void staleFencingTokenIsRejectedAndCounted() throws Exception {
        submit("bob");
        ClaimedJob first = claimOne("n1");
        clock.tick(java.time.Duration.ofMillis(1_500)); // lease of 1 s has passed
        assertThat(new RequeueExpired(redis, keys).run(clock.millis(), 100, 4, 60_000).requeued()).isEqualTo(1);
        ClaimedJob second = claimOne("n2");
        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(second.attempt()).isEqualTo(2);

        var zombie = new CompleteJobs(redis, keys).run(new CompleteJobs.Ending(first, CompleteJobs.End.SUCCEEDED, "{}", 1), clock.millis(), 10, 60_000);
        assertThat(zombie).isEqualTo(CompleteJobs.Outcome.STALE_TOKEN);
        assertThat(new ExtendLeases(redis, keys).run(Map.of(first.id(), first.token()), clock.millis(), 1_000).lost())
                .containsExactly(first.id());
        assertThat(new CompleteJobs(redis, keys).run(new CompleteJobs.Ending(second, CompleteJobs.End.SUCCEEDED, "{}", 1), clock.millis(), 10, 60_000))
                .isEqualTo(CompleteJobs.Outcome.DONE);
        assertThat(redis.<String, String>getMap(keys.stats(), StringCodec.INSTANCE).get("staleCompletions")).isEqualTo("1");
        assertThat(client.estimate("bob").historyMs()).containsExactly(1L); // the zombie's run was not learned
    }

    @Test
    void renewedLeaseIsNotReaped() throws Exception {
        submit("carol");
        ClaimedJob job = claimOne("n1");
        clock.tick(java.time.Duration.ofMillis(800));
        assertThat(new ExtendLeases(redis, keys).run(Map.of(job.id(), job.token()), clock.millis(), 1_000).lost()).isEmpty();
        clock.tick(java.time.Duration.ofMillis(800)); // 1.6 s after the claim, 0.8 s after the renewal
        assertThat(new RequeueExpired(redis, keys).run(clock.millis(), 100, 4, 60_000).requeued()).isZero();
        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void retryableFailureBacksOffThenGoesDeadAfterMaxAttempts() throws Exception {
        Submitted s = client.submit(new SubmitRequest("dave", "sleep", JSON.readTree("{\"ms\": 5}"), null, 2, null, null));
        ClaimedJob a1 = claimOne("n1");
        assertThat(new FailJob(redis, keys).run(a1, "boom", clock.millis(), clock.millis() + 500, 3, 60_000))
                .isEqualTo(FailJob.Outcome.RETRY_SCHEDULED);
        var waiting = client.get(s.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(JobState.QUEUED);
        assertThat(waiting.runAt()).isEqualTo(clock.millis() + 500);
        // not due yet: nothing to claim
        assertThat(new ClaimJobs(redis, keys, 60_000).run(PRIOR_CLASS, 1, "n1", clock.millis(), 1_000, 4).claimed()).isEmpty();
        clock.tick(java.time.Duration.ofMillis(500));
        ClaimedJob a2 = claimOne("n1");
        assertThat(a2.attempt()).isEqualTo(2);
        assertThat(new FailJob(redis, keys).run(a2, "boom again", clock.millis(), clock.millis() + 500, 3, 60_000))
                .isEqualTo(FailJob.Outcome.DEAD);
        var dead = client.get(s.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(JobState.DEAD);
        assertThat(dead.error()).isEqualTo("boom again");
        assertThat(redis.getScoredSortedSet(keys.dead(), StringCodec.INSTANCE).contains(s.id())).isTrue();
    }

    @Test
    void snapshotReportsDepthHeadAgeAndEstimatePerClass() throws Exception {
        submit("erin");
        clock.tick(java.time.Duration.ofMillis(10));
        submit("erin");
        var q = new ClaimJobs(redis, keys, 60_000).snapshot(clock.millis(), 4);
        assertThat(q.classes()).hasSize(4);
        assertThat(q.classes().get(PRIOR_CLASS).depth()).isEqualTo(2);
        assertThat(q.classes().get(PRIOR_CLASS).headQueuedAtMs()).isEqualTo(clock.millis() - 10);
        assertThat(q.classes().get(PRIOR_CLASS).headEstimateMs()).isEqualTo(settings.estimator().defaultPriorMs());
        assertThat(q.classes().get(3).isEmpty()).isTrue();
    }

    @Test
    void scriptsSurviveARedisScriptCacheFlush() throws Exception {
        submit("frank");
        redis.getScript().scriptFlush();
        submit("frank"); // NOSCRIPT -> reloaded transparently
        assertThat(new ClaimJobs(redis, keys, 60_000).snapshot(clock.millis(), 4).classes().get(PRIOR_CLASS).depth()).isEqualTo(2);
    }
}
