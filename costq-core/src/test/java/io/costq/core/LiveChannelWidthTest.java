package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.store.JobStore;
import io.costq.core.testing.Await;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A delivery channel's width changed live (the settings a config version stores in Redis) holds across three
 * workers at once, whatever each worker's own config says: raised, the wider width fills within a second and is
 * never exceeded; lowered, no run starts while the new width is taken.
 */
class LiveChannelWidthTest {
    private final RedissonClient redis = TestRedis.client();
    private final Held held = new Held();
    private final List<WorkerEngine> workers = new ArrayList<>();
    private CostqClient client;

    /** Test type {@code held}: each run waits until the test lets one go; counts the runs in flight. */
    static final class Held implements JobType {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final Semaphore letGo = new Semaphore(0);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            max.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                letGo.acquire();
                return Map.of();
            } finally {
                running.decrementAndGet();
            }
        }

        /** Lets the runs in flight end and starts counting the most in flight afresh. */
        void letAllGo() {
            max.set(0);
            letGo.release(running.get());
        }
    }

    @AfterEach
    void stop() {
        workers.forEach(WorkerEngine::crash);
        if (client != null) client.close();
    }

    private static CostqSettings withSms(CostqSettings s, int width) {
        return s.withDelivery(new DeliverySettings(30_000, Map.of("sms", new DeliverySettings.Channel("sms", width, 0))));
    }

    @Test
    void raisingTheWidthFrom2To4FillsFourRunsAcrossThreeWorkersAndLoweringItStartsNoneBeyondTheNewWidth() {
        CostqSettings s = withSms(CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(5_000, 500, 200)), 2);
        for (int i = 0; i < 3; i++) {
            // the third worker was started with a wider channel: the width of the live config version binds it too
            var w = new WorkerEngine(redis, i < 2 ? s : withSms(s, 8), new WorkerSettings("w" + i, 8, 8, 200, 1_000, "", 1_000, 16),
                    JobTypes.builtIns().register(held), () -> 0, Clock.SYSTEM, WorkerListener.NONE);
            workers.add(w);
            w.start();
        }
        JobStore operator = new JobStore(redis, s); // what the process applying a live config version first does
        operator.channels().put(1, List.of(new DeliverySettings.Channel("sms", 2, 0)));
        client = new CostqClient(redis, s, JobTypes.builtIns().register(held), Clock.SYSTEM);
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            requests.add(SubmitRequest.of("u" + i, "held", null).withDelivery(null, "sms", null, null));
        }
        List<Submitted> jobs = client.submitAll(requests);
        Await.until("2 sms runs", Duration.ofSeconds(10), () -> held.running.get() == 2);
        assertThat(held.max.get()).as("at most 2 at once").isLessThanOrEqualTo(2);

        operator.channels().put(2, List.of(new DeliverySettings.Channel("sms", 4, 0)));
        Await.until("4 sms runs within a second of the raise", Duration.ofSeconds(1), () -> held.running.get() == 4);
        assertThat(held.max.get()).as("at most 4 at once").isLessThanOrEqualTo(4);
        assertThat(client.channels()).singleElement().satisfies(v -> assertThat(v.maxConcurrency()).isEqualTo(4));

        operator.channels().put(3, List.of(new DeliverySettings.Channel("sms", 2, 0)));
        int ended = 0;
        while (ended < jobs.size()) { // the 4 runs end; from then on at most 2 run at once, round after round
            int inFlight = held.running.get();
            held.letAllGo();
            ended += inFlight;
            int next = Math.min(2, jobs.size() - ended);
            Await.until(next + " sms runs after " + ended + " ended", Duration.ofSeconds(10), () -> held.running.get() == next);
            assertThat(held.max.get()).as("never more than the new width 2").isLessThanOrEqualTo(2);
        }
        Await.until("every job done", Duration.ofSeconds(10),
                () -> jobs.stream().allMatch(j -> client.get(j.id()).orElseThrow().status() == JobState.SUCCEEDED));
    }
}
