package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.CostqClient;
import io.costq.core.client.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.redis.CancelJob;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.FailJob;
import io.costq.core.redis.RetryJob;
import io.costq.core.testing.SteppedRedisTest;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancellation, start deadlines and operator retries, against a real redis-server. */
class LifecycleTest extends SteppedRedisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private List<ClaimedJob> claim() {
        return new ClaimJobs(redis, keys, 60_000).run(PRIOR_CLASS, 10, "n1", clock.millis(), 30_000, 4).claimed();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverClaimed() throws Exception {
        Submitted s = client.submit(SubmitRequest.of("u", "noop", null));
        assertThat(client.cancel(s.id())).isEqualTo(CancelJob.Outcome.CANCELLED);
        assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        assertThat(claim()).isEmpty();
        assertThat(client.cancel(s.id())).isEqualTo(CancelJob.Outcome.ALREADY_FINISHED);
        assertThat(client.cancel("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
        assertThat(client.cancel("../x")).isEqualTo(CancelJob.Outcome.NOT_FOUND);
    }

    @Test
    void aJobNotStartedBeforeItsDeadlineExpires() throws Exception {
        Submitted late = client.submit(new SubmitRequest("u", "noop", null, null, null, null, 1_000L));
        Submitted onTime = client.submit(new SubmitRequest("u", "noop", null, null, null, null, 5_000L));
        clock.tick(Duration.ofMillis(2_000));
        List<ClaimedJob> claimed = claim();
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(onTime.id());
        JobView expired = client.get(late.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(JobState.EXPIRED);
        assertThat(expired.error()).contains("deadline");
    }

    @Test
    void anOperatorRetryGivesADeadJobFreshAttempts() throws Exception {
        Submitted s = client.submit(new SubmitRequest("u", "noop", null, null, 1, null, null));
        ClaimedJob job = claim().get(0);
        assertThat(new FailJob(redis, keys).run(job, "boom", clock.millis(), clock.millis(), 1, 60_000))
                .isEqualTo(FailJob.Outcome.DEAD);
        assertThat(client.dead(10)).extracting(JobView::id).containsExactly(s.id());
        assertThat(client.retry(s.id())).isEqualTo(RetryJob.Outcome.QUEUED);
        JobView queued = client.get(s.id()).orElseThrow();
        assertThat(queued.status()).isEqualTo(JobState.QUEUED);
        assertThat(queued.attempts()).isZero();
        assertThat(queued.error()).isEqualTo("boom");
        assertThat(client.dead(10)).isEmpty();
        assertThat(client.retry(s.id())).isEqualTo(RetryJob.Outcome.NOT_DEAD);
        assertThat(claim()).extracting(ClaimedJob::attempt).containsExactly(1);
    }

    @Test
    void aRunningJobIsInterruptedByCancelAndEndsCancelled() throws Exception {
        CostqSettings s = CostqSettings.defaults(TestRedis.freshPrefix());
        try (CostqClient c = new CostqClient(redis, s, JobTypes.builtIns(), Clock.SYSTEM)) {
            WorkerEngine w = new WorkerEngine(redis, s, new WorkerSettings("w", 2, 2, 200, 1_000, "", 1_000),
                    JobTypes.builtIns(), () -> 0, Clock.SYSTEM, WorkerListener.NONE);
            w.start();
            try {
                Submitted job = c.submit(SubmitRequest.of("u", "sleep", JSON.readTree("{\"ms\": 30000}")));
                WorkerEngineTest.await(() -> c.get(job.id()).orElseThrow().status() == JobState.RUNNING, 5_000);
                assertThat(c.cancel(job.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
                JobView done = c.awaitTerminal(job.id(), 5_000).orElseThrow();
                assertThat(done.status()).isEqualTo(JobState.CANCELLED);
                assertThat(done.durationMs()).isLessThan(10_000L);
                assertThat(c.estimate("u").historyMs()).isEmpty(); // a cancelled run teaches nothing
            } finally {
                w.close();
            }
        }
    }

    @Test
    void fiftyConcurrentSubmitsWithOneIdempotencyKeyMakeOneJob() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Submitted>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> client.submit(new SubmitRequest("u", "noop", null, "order-42", null, null, null))));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            int duplicates = 0;
            for (var f : futures) {
                Submitted s = f.get();
                ids.add(s.id());
                if (s.duplicate()) duplicates++;
            }
            assertThat(ids).hasSize(1);
            assertThat(duplicates).isEqualTo(49);
            assertThat(claim()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
