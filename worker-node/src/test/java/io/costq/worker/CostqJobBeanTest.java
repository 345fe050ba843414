package io.costq.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.Costq;
import io.costq.JobHandle;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** A @CostqJob bean is discovered and run by the app's worker; an injected Costq submits to it. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "bean-worker"),
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED")})
class CostqJobBeanTest {
    @Inject
    Costq costq;

    @Test
    void aCostqJobBeanRunsWithoutHandWiring() {
        JobHandle job = costq.submit("echo", "u1", new EchoJob.In(21));
        JobHandle done = job.await(Duration.ofSeconds(10));
        EchoJob.Out out = done.result(EchoJob.Out.class);
        assertThat(out.doubled()).isEqualTo(42);
        assertThat(out.node()).isEqualTo(job.id());
        assertThat(done.view().orElseThrow().node()).isEqualTo("bean-worker");
        assertThat(costq.client().nodes()).anySatisfy(n -> assertThat(n.types()).contains("echo", "noop", "sleep"));
    }

    /** The app's own RedissonClient (unqualified) lives beside costq's qualified one. */
    @Inject
    jakarta.enterprise.inject.Instance<RedissonClient> appRedis;

    @Test
    void costqsRedissonClientDoesNotTakeTheUnqualifiedSlot() {
        assertThat(appRedis.isResolvable()).as("no unqualified RedissonClient unless the app makes one").isFalse();
    }
}
