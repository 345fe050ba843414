package io.costq.core.worker;

import io.costq.core.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.testing.CountingType;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The CPU gate on the machine's real CPU meter ({@link SystemCpuSampler}): with a task blocked on a "downstream"
 * (it holds a thread, not a core), a node stops pulling while a burner keeps every core busy and pulls again once
 * it stops. Decisions are stepped ({@link WorkerEngine#pollOnce()}); the test waits for the meter, never for time.
 * Needs a machine otherwise quiet enough for the meter to drop below the threshold (the CI runs the suite alone).
 */
class SystemCpuGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GENEROUS_MS = 120_000;
    private final RedissonClient redis = TestRedis.client();
    private final CountingType counting = new CountingType();

    /** The real sampler, remembering the reading it last gave the engine. */
    private static final class Seen implements CpuSampler {
        private final SystemCpuSampler meter = new SystemCpuSampler(0.5, 250);
        private volatile double last = -1;

        @Override
        public double cpuLoad() {
            return last = meter.cpuLoad();
        }

        @Override
        public double lagMs() {
            return meter.lagMs();
        }
    }

    /** One spinning thread per core until stopped. */
    private static final class Burner implements AutoCloseable {
        private volatile boolean burning = true;
        private final List<Thread> threads = new ArrayList<>();
        volatile long sink;

        Burner(int threadCount) {
            for (int i = 0; i < threadCount; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (burning) x = x * 6364136223846793005L + 1442695040888963407L;
                    sink = x;
                }, "cpu-burner-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            burning = false;
            for (Thread t : threads) t.join();
        }
    }

    @Test
    void aNodeStopsPullingWhileItsCoresAreBusyAndPullsAgainAfter() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
        double threshold = settings.policy().cpuThreshold();
        Seen cpu = new Seen();
        WorkerEngine node = new WorkerEngine(redis, settings, new WorkerSettings("gate", 16, cores, 200, 1_000, "", 2_000),
                JobTypes.builtIns().register(counting), cpu, Clock.SYSTEM, WorkerListener.NONE);
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(counting), Clock.SYSTEM)) {
            await(() -> cpu.cpuLoad() < threshold, "the machine to be quiet enough to start");
            Submitted blocked = client.submit(SubmitRequest.of("u-blocked", "count", JSON.readTree("{\"ms\": 600000}")));
            await(() -> node.pollOnce() == 1, "the node to claim the blocked task"); // a node running nothing always does
            await(() -> counting.starts(blocked.id()) == 1, "the blocked task to start");
            List<Submitted> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) waiting.add(client.submit(SubmitRequest.of("u-" + i, "count", JSON.readTree("{\"ms\": 1}"))));

            int refusals = 0;
            try (Burner burner = new Burner(cores)) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GENEROUS_MS);
                while (refusals < 3) {
                    assertThat(System.nanoTime()).as("3 decisions on a busy meter within %d ms", GENEROUS_MS).isLessThan(deadline);
                    int claimed = node.pollOnce();
                    if (cpu.last >= threshold) { // the engine saw its cores busy: it must not have pulled
                        assertThat(claimed).as("jobs claimed on a CPU reading of %.3f", cpu.last).isZero();
                        refusals++;
                    }
                    Thread.sleep(50); // pacing the polls, not a claim about time
                }
            }
            await(() -> node.pollOnce() > 0, "the node to pull again once the burner stopped");
            await(() -> waiting.stream().anyMatch(s -> counting.finishes(s.id()) == 1), "a waiting job to run");
        } finally {
            node.crash();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, java.time.Duration.ofMillis(GENEROUS_MS), condition);
    }
}
