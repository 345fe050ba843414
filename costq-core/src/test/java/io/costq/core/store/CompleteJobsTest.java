package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.DeliverySettings;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@code completeJobs.lua}: RUNNING -> SUCCEEDED | FAILED | CANCELLED | AWAITING_ACK, only from the token holder. */
class CompleteJobsTest extends StoreTest {

    private CompleteJobs.Outcome complete(ClaimedJob job, Ending.End end, String text, long ms) {
        return store.complete(List.of(new Ending(job, end, text, ms)), clock.millis()).get(0).join();
    }

    @Test
    void aSuccessfulRunIsRecordedAndTeachesTheUsersHistory() {
        ClaimedJob job = jobs.job().user("alice").running("n1", 1_000);
        clock.tick(Duration.ofMillis(40));
        assertThat(complete(job, Ending.End.SUCCEEDED, "{\"ok\":true}", 37)).isEqualTo(CompleteJobs.Outcome.DONE);

        var view = client.get(job.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(view.durationMs()).isEqualTo(37);
        assertThat(view.resultJson()).isEqualTo("{\"ok\":true}");
        assertThat(client.estimate("alice", "noop", null).historyMs()).containsExactly(37L);
        assertThat(redis.getKeys().remainTimeToLive(keys.job(job.id()))).isBetween(1L, settings.jobs().retentionMs());
        assertThat(members(keys.running())).isEmpty();
    }

    @Test
    void aStaleFencingTokenIsRejectedCountedAndNotLearned() {
        ClaimedJob first = jobs.job().user("bob").running("n1", 1_000);
        clock.tick(Duration.ofMillis(1_500)); // the lease of 1 s has passed
        assertThat(store.requeueExpired(0, clock.millis(), 100).requeued()).isEqualTo(1);
        ClaimedJob second = jobs.claim(JobFixture.PRIOR_CLASS, 1, "n2", 1_000).get(0);
        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(second.attempt()).isEqualTo(2);

        assertThat(complete(first, Ending.End.SUCCEEDED, "{}", 1)).isEqualTo(CompleteJobs.Outcome.STALE_TOKEN);
        assertThat(complete(second, Ending.End.SUCCEEDED, "{}", 1)).isEqualTo(CompleteJobs.Outcome.DONE);
        assertThat(complete(second, Ending.End.SUCCEEDED, "{}", 1)).isEqualTo(CompleteJobs.Outcome.NOT_RUNNING);
        assertThat(client.stats()).containsEntry("staleCompletions", 2L);
        assertThat(client.estimate("bob", "noop", null).historyMs()).containsExactly(1L); // the zombie's run was not learned
    }

    @Test
    void oneCallAddsEachUsersDurationsNewestFirstAndOnlyForItsOwnRuns() {
        client.submitAll(List.of(SubmitRequest.of("a", "noop", null), SubmitRequest.of("b", "noop", null),
                SubmitRequest.of("a", "noop", null), SubmitRequest.of("a", "noop", null)));
        List<ClaimedJob> claimed = jobs.claim("n1");
        assertThat(claimed).hasSize(4);
        long[] durations = {10, 20, 30, 40};
        List<Ending> endings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClaimedJob job = claimed.get(i);
            // the third run's token is stale: its duration must not reach the history
            ClaimedJob sent = i == 2 ? new ClaimedJob(job.id(), job.token() + 1000, job.user(), job.type(), job.payloadJson(),
                    job.estimateMs(), job.attempt(), job.timeoutMs(), job.queuedAtMs(), job.costClass()) : job;
            endings.add(new Ending(sent, Ending.End.SUCCEEDED, "{}", durations[i]));
        }
        List<CompleteJobs.Outcome> out = store.complete(endings, clock.millis()).stream().map(f -> f.join()).toList();

        assertThat(out).containsExactly(CompleteJobs.Outcome.DONE, CompleteJobs.Outcome.DONE,
                CompleteJobs.Outcome.STALE_TOKEN, CompleteJobs.Outcome.DONE);
        List<String> expectedA = new ArrayList<>();
        for (int i = 3; i >= 0; i--) if (i != 2 && claimed.get(i).user().equals("a")) expectedA.add(String.valueOf(durations[i]));
        assertThat(redis.<String>getList(keys.history(History.of("a", "noop", null).subject()), StringCodec.INSTANCE).readAll()).containsExactlyElementsOf(expectedA);
        assertThat(members(keys.running())).hasSize(1); // the stale one's run
    }

    @Test
    void aFailedOrCancelledRunEndsSoAndTeachesNothing() {
        ClaimedJob failed = jobs.job().user("f").running("n1");
        ClaimedJob cancelled = jobs.job().user("f").running("n1");
        assertThat(complete(failed, Ending.End.FAILED, "bad payload", 3)).isEqualTo(CompleteJobs.Outcome.DONE);
        assertThat(complete(cancelled, Ending.End.CANCELLED, "cancelled while running", 3)).isEqualTo(CompleteJobs.Outcome.DONE);
        assertThat(client.get(failed.id()).orElseThrow().status()).isEqualTo(JobState.FAILED);
        assertThat(client.get(failed.id()).orElseThrow().error()).isEqualTo("bad payload");
        assertThat(client.get(cancelled.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        assertThat(client.estimate("f", "noop", null).historyMs()).isEmpty();
    }

    @Test
    void anAckAwaitingJobWaitsForItsAckHoldingItsKey() {
        ClaimedJob job = jobs.job().orderingKey("room").awaitingAck().running("n1");
        String next = jobs.job().orderingKey("room").queued();
        assertThat(complete(job, Ending.End.SUCCEEDED, "{}", 2)).isEqualTo(CompleteJobs.Outcome.DONE);

        assertThat(client.get(job.id()).orElseThrow().status()).isEqualTo(JobState.AWAITING_ACK);
        assertThat(members(keys.acks())).containsExactly(job.id());
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).doesNotContain(next);
    }

    @Test
    void aPlainJobIsClaimedAndCompletedWithOneHashReadEachAndOnlyAnAwaitedJobsEndIsPublished() throws Exception {
        List<String> ids = client.submitAll(List.of(SubmitRequest.of("u", "noop", null), SubmitRequest.of("u", "noop", null)))
                .stream().map(s -> s.id()).toList();
        String quiet = ids.get(0);
        String awaited = ids.get(1);
        assertThat(client.awaitTerminal(awaited, 0)).isPresent(); // a waiter after the submit: its end must be published
        assertThat(hash(awaited)).containsEntry("awaited", "1");

        long hget0 = calls("hget");
        long hmget0 = calls("hmget");
        List<ClaimedJob> claimed = jobs.claim("n1");
        var published = new CopyOnWriteArrayList<String>();
        var awaitedDone = new CountDownLatch(1);
        int listener = redis.getTopic(keys.doneChannel(), StringCodec.INSTANCE).addListener(String.class, (ch, id) -> {
            published.add(id);
            if (id.equals(awaited)) awaitedDone.countDown();
        });
        try {
            List<Ending> endings = claimed.stream().map(j -> new Ending(j, Ending.End.SUCCEEDED, "{}", 5)).toList();
            assertThat(store.complete(endings, clock.millis())).allSatisfy(f -> assertThat(f.join()).isEqualTo(CompleteJobs.Outcome.DONE));
            assertThat(awaitedDone.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            redis.getTopic(keys.doneChannel(), StringCodec.INSTANCE).removeListener(listener);
        }
        // one HMGET per job to claim, one to complete, and one more for the awaited job's rare fields (its 'opt'
        // names 'awaited'); no HGET: absent fields are read in the same HMGET
        assertThat(calls("hmget") - hmget0).isEqualTo(5);
        assertThat(calls("hget") - hget0).isZero();
        assertThat(published).doesNotContain(quiet);
        assertThat(client.get(quiet).orElseThrow().status()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aJobStoredWithoutItsOptFieldHasItsRareFieldsReadAndHonoured() {
        use(settings.withDelivery(new DeliverySettings(30_000, java.util.Map.of("sms", new DeliverySettings.Channel("sms", 1, 0)))));
        String first = jobs.job().orderingKey("room").channel("sms").queued();
        String next = jobs.job().orderingKey("room").queued();
        String other = jobs.job().channel("sms").queued();
        // as stored before 'opt' named a job's rare fields (or by fireSchedule, which writes none)
        for (String id : List.of(first, other)) redis.getMap(keys.job(id), StringCodec.INSTANCE).fastRemove("opt");

        List<ClaimedJob> claimed = jobs.claim("n1");
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(first); // the channel's width 1 parks the other
        assertThat(members(keys.channelWaiting("sms"))).containsExactly(other);
        assertThat(complete(claimed.get(0), Ending.End.SUCCEEDED, "{}", 1)).isEqualTo(CompleteJobs.Outcome.DONE);
        assertThat(members(keys.channelInUse("sms"))).isEmpty(); // its permit freed
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).containsExactly(next); // its key's next job let in
    }
}
