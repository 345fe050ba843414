package io.costq.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.NodeView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.model.ClassifierSettings;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;
import io.costq.model.WeightScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An operator holds work back: a paused class is not claimed from while others are; a drained node takes no more. */
class PauseAndDrainTest {
    /** Runs until the test lets it go. */
    static final class HeldType implements JobType {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            started.countDown();
            release.await();
            return Map.of();
        }
    }

    private final HeldType held = new HeldType();
    // "slow" jobs are estimated at 8 s (a dearer class than the 2 s of the others)
    private final CostqSettings settings = new CostqSettings(TestRedis.freshPrefix(),
            new EstimatorSettings(10, WeightScheme.LINEAR, 0.8, List.of(), 2_000, Map.of("slow", 8_000L)), ClassifierSettings.SEED,
            PolicySettings.DEFAULT, CostqSettings.JobLimits.DEFAULT, CostqSettings.LeaseSettings.DEFAULT, CostqSettings.RetrySettings.DEFAULT);
    private final CostqClient client = new CostqClient(TestRedis.client(), settings, types(), Clock.SYSTEM);
    private final WorkerEngine worker = new WorkerEngine(TestRedis.client(), settings, new WorkerSettings("gated", 4, 4, 100, 1_000, "", 1_000),
            types(), () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);

    private JobTypes types() {
        JobTypes t = JobTypes.builtIns().register(held);
        return t.register(new JobType() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Object run(JobContext ctx) {
                return Map.of();
            }
        });
    }

    @AfterEach
    void stop() {
        held.release.countDown();
        worker.crash();
        client.close();
    }

    private JobState status(Submitted s) {
        return client.get(s.id()).orElseThrow().status();
    }

    @Test
    void aPausedClassIsNotClaimedFromWhileOthersAre() {
        Submitted cheap = client.submit(SubmitRequest.of("u1", "noop", null));
        Submitted dear = client.submit(SubmitRequest.of("u2", "slow", null));
        assertThat(cheap.costClass()).isNotEqualTo(dear.costClass());
        worker.gate().pause(Set.of(cheap.costClass()));

        assertThat(worker.pollOnce()).isEqualTo(1); // the cheapest class would go first; it is paused
        assertThat(status(dear)).isIn(JobState.RUNNING, JobState.SUCCEEDED);
        assertThat(worker.pollOnce()).isZero();
        assertThat(worker.pollOnce()).isZero();
        assertThat(status(cheap)).isEqualTo(JobState.QUEUED);

        worker.gate().pause(Set.of());
        assertThat(worker.pollOnce()).isEqualTo(1);
        assertThat(status(cheap)).isIn(JobState.RUNNING, JobState.SUCCEEDED);
    }

    @Test
    void aDrainedNodeFinishesItsRunsAndTakesNoMore() throws Exception {
        Submitted running = client.submit(SubmitRequest.of("u1", "held", null));
        worker.start();
        held.started.await();

        client.drainNode("gated", true);
        worker.heartbeatOnce(); // the node reads the drain with its heartbeat
        assertThat(worker.gate().draining()).isTrue();
        assertThat(client.nodes()).filteredOn(n -> n.id().equals("gated")).extracting(NodeView::draining).containsExactly(true);
        Submitted waiting = client.submit(SubmitRequest.of("u1", "noop", null));

        held.release.countDown();
        assertThat(client.awaitTerminal(running.id(), 10_000).orElseThrow().status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(worker.pollOnce()).isZero();
        assertThat(status(waiting)).isEqualTo(JobState.QUEUED);

        client.drainNode("gated", false);
        worker.heartbeatOnce();
        assertThat(worker.gate().draining()).isFalse();
        assertThat(client.awaitTerminal(waiting.id(), 10_000).orElseThrow().status()).isEqualTo(JobState.SUCCEEDED);
    }
}
