package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.CompleteJobs;
import io.costq.core.redis.SubmitJobs;
import io.costq.core.testing.SteppedRedisTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** The lean path's batched transitions keep the per-job semantics: submitJobs and completeJobs over many jobs. */
class BatchedTransitionsTest extends SteppedRedisTest {

    @Test
    void submitAllStoresEveryJobInOrderAcrossSeveralScriptCalls() {
        int n = 2 * SubmitJobs.MAX_PER_CALL + 7;
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) requests.add(SubmitRequest.of("u" + (i % 3), "noop", null));
        List<Submitted> jobs = client.submitAll(requests);

        assertThat(jobs).hasSize(n).allSatisfy(s -> assertThat(s.duplicate()).isFalse());
        assertThat(jobs).extracting(Submitted::id).doesNotHaveDuplicates();
        assertThat(redis.getScoredSortedSet(keys.queue(PRIOR_CLASS), StringCodec.INSTANCE).size()).isEqualTo(n);
        for (int i = 0; i < n; i += 50) {
            var view = client.get(jobs.get(i).id()).orElseThrow();
            assertThat(view.user()).isEqualTo("u" + (i % 3));
            assertThat(view.status()).isEqualTo(JobState.QUEUED);
        }
    }

    @Test
    void aRepeatedIdempotencyKeyInOneBatchFindsTheFirstJob() {
        SubmitRequest once = new SubmitRequest("u", "noop", null, "order-42", null, null, null);
        List<Submitted> jobs = client.submitAll(List.of(once, SubmitRequest.of("u", "noop", null), once));

        assertThat(jobs.get(0).duplicate()).isFalse();
        assertThat(jobs.get(2).duplicate()).isTrue();
        assertThat(jobs.get(2).id()).isEqualTo(jobs.get(0).id());
        assertThat(redis.getScoredSortedSet(keys.queue(PRIOR_CLASS), StringCodec.INSTANCE).size()).isEqualTo(2);
    }

    @Test
    void eachUsersHistoryComesFromItsOwnRunsInABatch() {
        // 'slow' has run 9 s jobs: a batch mixing users must estimate each from its own history, read once per user
        var history = redis.<String>getList(keys.history("slow"), StringCodec.INSTANCE);
        for (int i = 0; i < 10; i++) history.add("9000");
        List<Submitted> jobs = client.submitAll(List.of(SubmitRequest.of("slow", "noop", null),
                SubmitRequest.of("new", "noop", null), SubmitRequest.of("slow", "noop", null)));

        assertThat(jobs.get(0).estimateMs()).isEqualTo(9000);
        assertThat(jobs.get(2).estimateMs()).isEqualTo(9000);
        assertThat(jobs.get(1).estimateMs()).isNotEqualTo(9000);
    }

    @Test
    void oneCompletionCallAddsEachUsersDurationsNewestFirstAndOnlyForItsOwnRuns() {
        client.submitAll(List.of(SubmitRequest.of("a", "noop", null), SubmitRequest.of("b", "noop", null),
                SubmitRequest.of("a", "noop", null), SubmitRequest.of("a", "noop", null)));
        List<ClaimedJob> claimed = new ClaimJobs(redis, keys, 60_000).run(PRIOR_CLASS, 10, "n1", clock.millis(), 30_000, 4).claimed();
        assertThat(claimed).hasSize(4);
        long[] durations = {10, 20, 30, 40};
        List<CompleteJobs.Ending> endings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClaimedJob job = claimed.get(i);
            // the third run's token is stale: its duration must not reach the history
            ClaimedJob sent = i == 2 ? new ClaimedJob(job.id(), job.token() + 1000, job.user(), job.type(), job.payloadJson(),
                    job.estimateMs(), job.attempt(), job.timeoutMs(), job.queuedAtMs(), job.costClass()) : job;
            endings.add(new CompleteJobs.Ending(sent, CompleteJobs.End.SUCCEEDED, "{}", durations[i]));
        }
        List<CompleteJobs.Outcome> out = new CompleteJobs(redis, keys).run(endings, clock.millis(), 10, 60_000);

        assertThat(out).containsExactly(CompleteJobs.Outcome.DONE, CompleteJobs.Outcome.DONE,
                CompleteJobs.Outcome.STALE_TOKEN, CompleteJobs.Outcome.DONE);
        List<String> expectedA = new ArrayList<>();
        for (int i = 3; i >= 0; i--) if (i != 2 && claimed.get(i).user().equals("a")) expectedA.add(String.valueOf(durations[i]));
        assertThat(redis.<String>getList(keys.history("a"), StringCodec.INSTANCE).readAll()).containsExactlyElementsOf(expectedA);
        assertThat(redis.getScoredSortedSet(keys.running(), StringCodec.INSTANCE).size()).isEqualTo(1); // the stale one's run
    }

    @Test
    void aClaimThatDoesNotAskForTheQueuesSkipsThemAndLeavesDueRetriesToTheNextReport() {
        client.submitAll(List.of(SubmitRequest.of("u", "noop", null), SubmitRequest.of("u", "noop", null)));
        ClaimJobs claims = new ClaimJobs(redis, keys, 60_000);
        ClaimedJob first = claims.run(PRIOR_CLASS, 1, "n1", clock.millis(), 30_000, 4).claimed().get(0);
        assertThat(new io.costq.core.redis.FailJob(redis, keys).run(first, "boom", clock.millis(), clock.millis() + 10, 1, 60_000))
                .isEqualTo(io.costq.core.redis.FailJob.Outcome.RETRY_SCHEDULED);
        clock.tick(java.time.Duration.ofMillis(20)); // the retry is due

        ClaimJobs.Outcome quiet = claims.run(PRIOR_CLASS, 5, "n1", clock.millis(), 30_000, 4, List.of(), false);
        assertThat(quiet.queues()).isNull();
        assertThat(quiet.claimed()).extracting(ClaimedJob::id).doesNotContain(first.id()); // not promoted yet
        assertThat(redis.getScoredSortedSet(keys.delayed(), StringCodec.INSTANCE).size()).isEqualTo(1);

        ClaimJobs.Outcome reported = claims.run(PRIOR_CLASS, 5, "n1", clock.millis(), 30_000, 4, List.of(), true);
        assertThat(reported.claimed()).extracting(ClaimedJob::id).containsExactly(first.id());
        assertThat(reported.queues().classes()).hasSize(4);
        assertThat(reported.queues().totalDepth()).isZero();
    }

    @Test
    void aBulkSubmitToARedisThatLostItsScriptsLoadsThemAndStoresEveryJobOnce() {
        redis.getScript(StringCodec.INSTANCE).scriptFlush(); // as after a restart or a failover to a fresh primary
        int n = SubmitJobs.MAX_PER_CALL + 20;
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) requests.add(SubmitRequest.of("u" + (i % 4), "noop", null));
        List<Submitted> jobs = client.submitAll(requests);

        assertThat(jobs).hasSize(n).allSatisfy(s -> assertThat(s.duplicate()).isFalse());
        assertThat(redis.getScoredSortedSet(keys.queue(PRIOR_CLASS), StringCodec.INSTANCE).size()).isEqualTo(n);
    }

    @Test
    void aPlainJobIsClaimedAndCompletedWithOneFieldReadEachAndAWatchedOneIsReadInFull() {
        List<Submitted> jobs = client.submitAll(List.of(SubmitRequest.of("u", "noop", null), SubmitRequest.of("u", "noop", null)));
        String plain = jobs.get(0).id();
        String watched = jobs.get(1).id();
        assertThat(redis.<String, String>getMap(keys.job(plain), StringCodec.INSTANCE).get("plain")).isEqualTo("1");
        new io.costq.core.redis.WatchJob(redis, keys).run(watched); // a waiter after the submit: its end must be published
        assertThat(redis.<String, String>getMap(keys.job(watched), StringCodec.INSTANCE).containsKey("plain")).isFalse();

        long hget0 = calls("hget");
        long hmget0 = calls("hmget");
        List<ClaimedJob> claimed = new ClaimJobs(redis, keys, 60_000).run(PRIOR_CLASS, 10, "n1", clock.millis(), 30_000, 4).claimed();
        List<CompleteJobs.Ending> endings = claimed.stream()
                .map(j -> new CompleteJobs.Ending(j, CompleteJobs.End.SUCCEEDED, "{}", 5)).toList();
        var published = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var watchedDone = new java.util.concurrent.CountDownLatch(1);
        int listener = redis.getTopic(keys.doneChannel(), StringCodec.INSTANCE).addListener(String.class, (ch, id) -> {
            published.add(id);
            if (id.equals(watched)) watchedDone.countDown();
        });
        try {
            assertThat(new CompleteJobs(redis, keys).run(endings, clock.millis(), 10, 60_000)).containsOnly(CompleteJobs.Outcome.DONE);
            assertThat(watchedDone.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            redis.getTopic(keys.doneChannel(), StringCodec.INSTANCE).removeListener(listener);
        }
        // plain: one HMGET to claim, one to complete; watched: a second HMGET each for the fields a plain job lacks.
        // No HGET: a plain job's ordering key and channel are known to be absent, not looked up.
        assertThat(calls("hmget") - hmget0).isEqualTo(6);
        assertThat(calls("hget") - hget0).isZero();
        assertThat(published).doesNotContain(plain);
        assertThat(client.get(plain).orElseThrow().status()).isEqualTo(JobState.SUCCEEDED);
    }

    /** Calls of a command so far (Redis INFO commandstats, counting the commands run inside scripts). */
    private long calls(String command) {
        var node = redis.getRedisNodes(org.redisson.api.redisnode.RedisNodes.SINGLE).getInstance();
        String stat = node.info(org.redisson.api.redisnode.RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_" + command);
        if (stat == null) return 0;
        return Long.parseLong(stat.replaceAll("^calls=(\\d+),.*$", "$1"));
    }
}
