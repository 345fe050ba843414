package example.dashboard;

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

/** The worker app finds its dashboard job by annotation, advertises only that type and runs it. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "dashboard-worker"),
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED")})
class DashboardWorkerTest {
    @Inject
    Costq costq;

    @Test
    void anAnalystsDashboardHasTheHeavyWidgets() {
        JobHandle done = costq.submit("dashboard", "analyst-7", new DashboardJob.Request("analyst-7")).await(Duration.ofSeconds(10));
        DashboardJob.Dashboard d = done.result(DashboardJob.Dashboard.class);
        assertThat(d.widgets()).contains("forecast");
        assertThat(done.view().orElseThrow().node()).isEqualTo("dashboard-worker");
        assertThat(costq.client().nodes()).anySatisfy(n -> assertThat(n.types()).containsExactly("dashboard"));
    }
}
