package io.costq.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.testing.Await;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A listener (CostqWorker.listener: the application's code) that throws as a job is claimed does not strand the job. */
class ThrowingListenerTest {
    @Test
    void aJobWhoseClaimedListenerThrowsStillRunsAndEnds() {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        AtomicInteger claims = new AtomicInteger();
        WorkerListener throwing = new WorkerListener() {
            @Override
            public void claimed(ClaimedJob job, long waitedMs) {
                claims.incrementAndGet();
                throw new IllegalStateException("a metrics bug");
            }
        };
        WorkerEngine worker = new WorkerEngine(TestRedis.client(), settings, new WorkerSettings("w", 4, 2, 100, 1_000, "", 1_000),
                JobTypes.builtIns(), () -> 0.1, Clock.SYSTEM, throwing);
        try (CostqClient client = new CostqClient(TestRedis.client(), settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            worker.start();
            String id = client.submit(SubmitRequest.of("u", "noop", null)).id();
            Await.until("the job claimed", Duration.ofSeconds(10), () -> claims.get() >= 1);
            Await.until("the job ended", Duration.ofSeconds(10), () -> client.get(id).orElseThrow().status() == JobState.SUCCEEDED);
            Await.until("no run left on the node", Duration.ofSeconds(10), () -> worker.runningCount() == 0);
            assertThat(worker.nodeSnapshot(System.currentTimeMillis()).running()).isEmpty();
        } finally {
            worker.crash();
        }
    }
}
