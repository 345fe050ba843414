package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.store.CancelJob;
import io.costq.core.testing.CountingType;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Whole worker nodes (pull loop, leases, reaper) against a real redis-server. */
class WorkerEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedissonClient redis = TestRedis.client();
    private final List<WorkerEngine> workers = new ArrayList<>();
    private final CountingType counting = new CountingType();

    @AfterEach
    void stopWorkers() {
        workers.forEach(WorkerEngine::crash);
    }

    private WorkerEngine worker(CostqSettings settings, String id, int maxTasks) {
        var engine = new WorkerEngine(redis, settings, new WorkerSettings(id, maxTasks, 4, 200, 1_000, "", 2_000),
                JobTypes.builtIns().register(counting), () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
        workers.add(engine);
        return engine;
    }

    @Test
    void twoWorkersRunFiveHundredJobsEachExactlyOnce() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), Clock.SYSTEM)) {
            List<SubmitRequest> requests = new ArrayList<>();
            for (int i = 0; i < 500; i++) requests.add(SubmitRequest.of("user" + (i % 7), "count", JSON.readTree("{\"ms\": 1}")));
            List<Submitted> submitted = client.submitAll(requests);
            worker(settings, "w1", 8).start();
            worker(settings, "w2", 8).start();

            await(() -> submitted.stream().allMatch(s -> counting.finishes(s.id()) == 1), 30_000);
            await(() -> submitted.stream().allMatch(s -> client.get(s.id()).orElseThrow().status() == JobState.SUCCEEDED), 10_000);
            for (Submitted s : submitted) {
                assertThat(counting.starts(s.id())).as("starts of " + s.id()).isEqualTo(1);
                assertThat(counting.finishes(s.id())).as("finishes of " + s.id()).isEqualTo(1);
            }
            long byW1 = submitted.stream().filter(s -> "w1".equals(client.get(s.id()).orElseThrow().node())).count();
            assertThat(byW1).as("both workers pulled work").isBetween(1L, 499L);
        }
    }

    @Test
    void aCrashedWorkersJobRunsAgainOnAnotherAfterItsLeaseAndSucceedsOnce() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(600, 150, 50));
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), Clock.SYSTEM)) {
            WorkerEngine doomed = worker(settings, "doomed", 2);
            doomed.start();
            Submitted s = client.submit(SubmitRequest.of("zed", "count", JSON.readTree("{\"ms\": 1500}")));
            await(() -> counting.starts(s.id()) == 1, 5_000);
            doomed.crash(); // like kill -9: no completion, no more renewals

            worker(settings, "survivor", 2).start();
            JobView done = client.awaitTerminal(s.id(), 10_000).orElseThrow();
            assertThat(done.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.node()).isEqualTo("survivor");
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(counting.starts(s.id())).isEqualTo(2);
            assertThat(counting.finishes(s.id())).isEqualTo(1);
        }
    }

    @Test
    void waitMsReturnsTheFinishedJobAndLearnsItsDuration() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            worker(settings, "w", 4).start();
            Submitted s = client.submit(SubmitRequest.of("yan", "sleep", JSON.readTree("{\"ms\": 120}")));
            JobView done = client.awaitTerminal(s.id(), 5_000).orElseThrow();
            assertThat(done.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.resultJson()).contains("\"sleptMs\":120");
            assertThat(client.estimate("yan", "sleep", null).historyMs()).hasSize(1);
            assertThat(client.estimate("yan", "sleep", null).historyMs().get(0)).isBetween(120L, 2_000L);
        }
    }

    @Test
    void aTimedOutHandlerIsInterruptedAndRetriedThenDead() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
                .withRetry(new CostqSettings.RetrySettings(10, 20));
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            worker(settings, "w", 4).start();
            Submitted s = client.submit(new SubmitRequest("tim", "sleep", JSON.readTree("{\"ms\": 60000}"), null, 2, 100L, null));
            JobView done = client.awaitTerminal(s.id(), 10_000).orElseThrow();
            assertThat(done.status()).isEqualTo(JobState.DEAD);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.error()).contains("timed out after 100 ms");
        }
    }

    @Test
    void aRunningJobIsInterruptedByCancelAndEndsCancelled() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            worker(settings, "w", 2).start();
            Submitted job = client.submit(SubmitRequest.of("u", "sleep", JSON.readTree("{\"ms\": 30000}")));
            await(() -> client.get(job.id()).orElseThrow().status() == JobState.RUNNING, 5_000);
            assertThat(client.cancel(job.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
            JobView done = client.awaitTerminal(job.id(), 5_000).orElseThrow();
            assertThat(done.status()).isEqualTo(JobState.CANCELLED);
            assertThat(done.durationMs()).isLessThan(10_000L);
            assertThat(client.estimate("u", "sleep", null).historyMs()).isEmpty(); // a cancelled run teaches nothing
        }
    }

    static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + timeoutMs + " ms");
            Thread.sleep(10);
        }
    }

    @Test
    void aWakeUpNamesTheClassAndAnIdleNodeClaimsFromItAtOnce() throws Exception {
        assertThat(WorkerEngine.wakeClass("0")).isZero();
        assertThat(WorkerEngine.wakeClass("3")).isEqualTo(3);
        assertThat(WorkerEngine.wakeClass("requeued")).isEqualTo(-1);
        assertThat(WorkerEngine.wakeClass("retry")).isEqualTo(-1);
        assertThat(WorkerEngine.wakeClass("")).isEqualTo(-1);

        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), Clock.SYSTEM)) {
            WorkerEngine idle = worker(settings, "stepped", 1); // never started: the test drives it
            assertThat(idle.pollOnce()).isZero(); // nothing queued: it waits and forgets the queues

            Submitted first = client.submit(SubmitRequest.of("u", "count", JSON.readTree("{\"ms\": 300}")));
            Submitted second = client.submit(SubmitRequest.of("u", "count", JSON.readTree("{\"ms\": 1}")));
            // the claim goes by the wake-up's word: named another class, it finds nothing there, but brings back the
            // queues, so the next decision takes the job (a node that read the queues first would have taken it now)
            idle.woken(String.valueOf((first.costClass() + 1) % settings.classes()));
            assertThat(idle.pollOnce()).isZero();
            assertThat(idle.pollOnce()).isEqualTo(1);
            await(() -> counting.starts(first.id()) == 1, 5_000);

            // busy now (1 task of 1): a wake-up does not make it claim; the usual decision waits
            idle.woken(String.valueOf(second.costClass()));
            assertThat(idle.pollOnce()).isZero();
            assertThat(counting.starts(second.id())).isZero();

            await(() -> counting.finishes(first.id()) == 1 && idle.runningCount() == 0, 5_000);
            idle.woken("requeued"); // names no class: the usual snapshot-then-claim
            assertThat(idle.pollOnce()).isEqualTo(1);
            await(() -> counting.finishes(second.id()) == 1, 5_000);
        }
    }

    @Test
    void raisingTheLeaseLiveDoesNotFenceRunsHoldingTheShorterOne() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(400, 100, 100));
        java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), Clock.SYSTEM)) {
            var engine = new WorkerEngine(redis, settings, new WorkerSettings("live", 2, 4, 200, 1_000, "", 2_000),
                    JobTypes.builtIns().register(counting), () -> 0.1, Clock.SYSTEM, new WorkerListener() {
                        @Override
                        public void leaseLost(String jobId) {
                            lost.incrementAndGet();
                        }
                    });
            workers.add(engine);
            engine.start();
            Submitted s = client.submit(SubmitRequest.of("u", "count", JSON.readTree("{\"ms\": 1000}")));
            await(() -> counting.starts(s.id()) == 1, 5_000);
            // a tenth of the new lease (2 s) is more than what is left of the old one (<= 400 ms): judged by the new
            // margin, the running job would be fenced at once
            engine.apply(settings.withLease(new CostqSettings.LeaseSettings(20_000, 100, 100)));
            await(() -> client.get(s.id()).orElseThrow().status() == JobState.SUCCEEDED, 10_000);
            assertThat(lost.get()).isZero();
            assertThat(counting.starts(s.id())).isEqualTo(1);
        }
    }
}
