package io.costq;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run histories are a user's runs of one type, unless jobs name a cost key: then they share that key's history. */
class CostKeyTest {
    record Work(long ms) {
    }

    private Costq costq;

    @BeforeEach
    void connect() {
        costq = Costq.builder().redisson(TestRedis.client()).settings(CostqSettings.defaults(TestRedis.freshPrefix())).build();
        JobHandler<Work, Map<String, Long>> work = (in, ctx) -> {
            Thread.sleep(in.ms());
            return Map.of("ms", in.ms());
        };
        costq.worker().maxTasks(4).handle("report", Work.class, work).handle("login", Work.class, work)
                .handle("export", Work.class, work).start();
    }

    @AfterEach
    void close() {
        costq.close();
    }

    @Test
    void aUsersLoginEstimateIsNotMovedByTheSameUsersReportRuns() {
        long before = costq.estimate("bt", "login").estimateMs();
        for (int i = 0; i < 3; i++) run("report", "bt", 300, SubmitOptions.DEFAULTS);

        assertThat(costq.estimate("bt", "report").historyMs()).hasSize(3).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(300));
        assertThat(costq.estimate("bt", "login").historyMs()).isEmpty();
        assertThat(costq.estimate("bt", "login").estimateMs()).isEqualTo(before);
    }

    @Test
    void aCostKeyGroupsTwoTypesInOneHistory() {
        SubmitOptions shared = SubmitOptions.builder().costKey("bt-heavy").build();
        run("report", "bt", 200, shared);
        run("export", "bt", 250, shared);

        var grouped = costq.client().estimate("bt", "report", "bt-heavy");
        assertThat(grouped.historyMs()).hasSize(2);
        assertThat(costq.client().estimate("bt", "export", "bt-heavy").historyMs()).isEqualTo(grouped.historyMs());
        // the weighted estimate over the shared history: newest 10, then 9
        long newest = grouped.historyMs().get(0);
        long older = grouped.historyMs().get(1);
        assertThat(grouped.estimateMs()).isEqualTo((10 * newest + 9 * older) / 19);
        // and neither type's own (user, type) history saw those runs
        assertThat(costq.estimate("bt", "report").historyMs()).isEmpty();
        assertThat(costq.estimate("bt", "export").historyMs()).isEmpty();
    }

    private void run(String type, String user, long ms, SubmitOptions options) {
        JobHandle done = costq.submit(type, user, new Work(ms), options).await(Duration.ofSeconds(20));
        assertThat(done.isDone()).isTrue();
        done.result(Map.class);
    }
}
