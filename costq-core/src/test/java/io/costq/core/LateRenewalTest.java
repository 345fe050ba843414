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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Reproducer of issue 3's "two workers run one job" under CPU saturation, stepped instead of starved: a node whose
 * lease keeper does not get to run (as when all cores are busy or the JVM pauses) keeps its handler running past
 * the lease, so once another node has reaped and claimed the job both run it at once. The handler is only stopped
 * when a late renewal finally reports the loss. {@code ChaosMain leases} measures the same thing with real load.
 */
class LateRenewalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedissonClient redis = TestRedis.client();
    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private final List<WorkerEngine> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(WorkerEngine::crash);
    }

    private WorkerEngine stepped(CostqSettings settings, String id) {
        // never started: no lease keeper, reaper or pull loop runs unless the test calls it
        var engine = new WorkerEngine(redis, settings, new WorkerSettings(id, 2, 4, 200, 1_000, "", 0),
                JobTypes.builtIns().register(recorder), () -> 0.1, Clock.SYSTEM, recorder.listenerFor(id));
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

            Thread.sleep(500); // the lease (300 ms) runs out while the starved node's lease keeper never runs
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
