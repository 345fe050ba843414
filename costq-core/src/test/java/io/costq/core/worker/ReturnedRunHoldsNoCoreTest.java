package io.costq.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.testing.Await;
import io.costq.core.testing.RedisCli;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A run whose handler has returned holds no core, though its end is recorded only a round trip later: the node's busy
 * cores stop counting it at once (with an instantaneous meter, a count still holding it showed 2 busy cores as 1).
 */
class ReturnedRunHoldsNoCoreTest {
    /** Runs until the test releases its payload's key; counts the handlers inside (the CPU the meter sees). */
    static final class HeldType implements JobType {
        final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
        final AtomicInteger inside = new AtomicInteger();

        @Override
        public String name() {
            return "held";
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            inside.incrementAndGet();
            try {
                release.computeIfAbsent(ctx.payload().get("key").asText(), k -> new CountDownLatch(1)).await();
                return Map.of();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void aReturnedRunStopsCountingAsABusyCoreBeforeItsEndIsRecorded() throws Exception {
        HeldType held = new HeldType();
        // its own server: the test holds its writes back (CLIENT PAUSE), which must not stall other tests
        try (RedisServerProcess server = RedisServerProcess.start()) {
            RedissonClient redis = RedisConnector.connect(server.url(), null, 8);
            CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix());
            WorkerEngine worker = new WorkerEngine(redis, settings, new WorkerSettings("w", 4, 2, 100, 1_000, "", 1_000),
                    JobTypes.builtIns().register(held), new SimulatedCpuSampler(held.inside::get, 2), Clock.SYSTEM, WorkerListener.NONE);
            try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(held), Clock.SYSTEM)) {
                worker.start();
                for (String key : new String[] {"a", "b"}) {
                    client.submit(SubmitRequest.of("u", "held", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("key", key)));
                }
                Await.until("both runs in their handlers", Duration.ofSeconds(10), () -> held.inside.get() == 2);
                assertThat(worker.nodeSnapshot(System.currentTimeMillis()).busyCores()).isEqualTo(2.0);

                assertThat(RedisCli.run(server.port(), "CLIENT", "PAUSE", "30000", "WRITE")).contains("OK"); // no end is recorded
                held.release.computeIfAbsent("a", k -> new CountDownLatch(1)).countDown();
                Await.until("run a's handler returned", Duration.ofSeconds(10), () -> held.inside.get() == 1);
                Await.until("one busy core: run b's", Duration.ofSeconds(5),
                        () -> worker.nodeSnapshot(System.currentTimeMillis()).busyCores() == 1.0);
                assertThat(worker.runningCount()).as("run a's end is not recorded yet").isEqualTo(2);
            } finally {
                RedisCli.run(server.port(), "CLIENT", "UNPAUSE");
                held.release.computeIfAbsent("b", k -> new CountDownLatch(1)).countDown();
                worker.crash();
                redis.shutdown();
            }
        }
    }
}
