package io.costq;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.NoopType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers, one with the {@code report} handler and one without: every report job runs on the first, none
 * FAILED; with the first stopped, new report jobs wait (the other worker passes them by); a new report worker runs
 * them.
 */
class WorkersClaimOnlyTheirTypesTest {
    record ReportIn(int n) {
    }

    private Costq costq;

    @BeforeEach
    void connect() {
        costq = Costq.builder().redisson(TestRedis.client()).settings(CostqSettings.defaults(TestRedis.freshPrefix())).build();
    }

    @AfterEach
    void close() {
        costq.close();
    }

    @Test
    void reportJobsRunOnlyOnTheReportWorkerAndWaitWhileNoneIsLive() {
        CostqWorker reports = reportWorker("reports-1");
        CostqWorker others = costq.worker().nodeId("noop-only").handle(new NoopType()).start();

        List<String> first = submitReports(500);
        Map<String, JobView> ran = awaitAll(first);
        assertThat(ran.values()).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(v.node()).isEqualTo("reports-1");
        });

        reports.close();
        List<String> waiting = submitReports(20);
        // the worker without the handler looks at the queues now and takes nothing
        assertThat(others.engine().pollOnce()).isZero();
        assertThat(costq.client().store().jobs(waiting).values()).allSatisfy(v -> assertThat(v.status()).isEqualTo(JobState.QUEUED));
        assertThat(costq.submit("noop", "u1", null).await(Duration.ofSeconds(10)).status())
                .as("the other worker still runs its own type").isEqualTo(JobState.SUCCEEDED);

        reportWorker("reports-2");
        assertThat(awaitAll(waiting).values()).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(v.node()).isEqualTo("reports-2");
        });
    }

    @Test
    void aWorkerAdvertisesTheTypesItHandles() {
        CostqWorker w = reportWorker("adv-1");
        w.engine().heartbeatOnce();
        var node = costq.client().nodes().stream().filter(n -> n.id().equals("adv-1")).findFirst().orElseThrow();
        assertThat(node.types()).containsExactly("report");
        assertThat(costq.client().types()).anySatisfy(t -> {
            assertThat(t.type()).isEqualTo("report");
            assertThat(t.lastAdvertisedMsAgo()).isNotNull();
        });
    }

    private CostqWorker reportWorker(String nodeId) {
        return costq.worker().nodeId(nodeId).maxTasks(8)
                .handle("report", ReportIn.class, (in, ctx) -> Map.of("n", in.n())).start();
    }

    private List<String> submitReports(int n) {
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(SubmitRequest.of("user-" + (i % 7), "report", costq.json().valueToTree(new ReportIn(i))));
        }
        return costq.client().submitAll(requests).stream().map(s -> s.id()).toList();
    }

    private Map<String, JobView> awaitAll(List<String> ids) {
        for (String id : ids) {
            JobHandle h = new JobHandle(costq, id, null).await(Duration.ofSeconds(30));
            assertThat(h.isDone()).as("job %s ended", id).isTrue();
        }
        return costq.client().store().jobs(ids);
    }
}
