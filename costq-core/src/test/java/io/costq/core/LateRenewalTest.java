package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.testing.ExecutionRecorder;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.ManualClock;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * "Two workers run one job" under CPU saturation, stepped instead of starved: a node whose lease keeper does not get
 * to run (as when all cores are busy or the JVM pauses) must stop its own handler before its lease runs out, so
 * that another node that reaps and claims the job never runs it at the same time. {@code ChaosMain leases}
 * measures the same thing with real load.
 */
class LateRenewalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedissonClient redis = TestRedis.client();
    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private final List<WorkerEngine> workers = new ArrayList<>();
    /** Both nodes' clock: the test steps it; the handler itself runs on real time. */
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());

    @AfterEach
    void stopWorkers() {
        workers.forEach(WorkerEngine::crash);
    }

    private WorkerEngine stepped(CostqSettings settings, String id) {
        // never started: no lease keeper, reaper or pull loop runs unless the test calls it
        var engine = new WorkerEngine(redis, settings, new WorkerSettings(id, 2, 4, 200, 1_000, "", 0),
                JobTypes.builtIns().register(recorder), () -> 0.1, clock, recorder.listenerFor(id));
        workers.add(engine);
        return engine;
    }

    @Test
    void aNodeWhoseRenewalsAreLateStopsItsHandlerBeforeAnotherNodeCanClaimTheJob() throws Exception {
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(300, 100, 50));
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(recorder), Clock.SYSTEM)) {
            client.submit(SubmitRequest.of("late", "recorded", JSON.readTree("{\"ms\": 3000}")));
            WorkerEngine starved = stepped(settings, "starved");
            assertThat(starved.pollOnce()).isEqualTo(1);
            WorkerEngineTest.await(() -> recorder.runs().stream().anyMatch(r -> r.startNs > 0), 2_000);

            // 280 ms on, the starved node's lease keeper has never run: its fence (at 90 % of the 300 ms lease) stops
            // the handler while the lease still holds in Redis
            clock.tick(Duration.ofMillis(280));
            WorkerEngineTest.await(() -> recorder.runs().get(0).endNs > 0, 2_000);
            JobView held = client.get(recorder.runs().get(0).jobId).orElseThrow();
            assertThat(held.status()).isEqualTo(JobState.RUNNING);
            assertThat(held.node()).isEqualTo("starved");

            clock.tick(Duration.ofMillis(220)); // the lease has run out
            WorkerEngine healthy = stepped(settings, "healthy");
            assertThat(healthy.reapOnce().requeued()).isEqualTo(1);
            assertThat(healthy.pollOnce()).isEqualTo(1);
            WorkerEngineTest.await(() -> recorder.runs().stream().filter(r -> r.startNs > 0).count() == 2, 2_000);

            List<ExecutionRecorder.Run> runs = recorder.runs();
            runs.sort(Comparator.comparingLong(r -> r.startNs));
            ExecutionRecorder.Run first = runs.get(0);
            ExecutionRecorder.Run second = runs.get(1);
            assertThat(first.endNs)
                    .as("the starved node's run must have ended before the healthy node's run of the same job started")
                    .isBetween(0L, second.startNs);
        }
    }
}
