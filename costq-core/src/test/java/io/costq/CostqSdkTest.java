package io.costq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.job.JobState;
import io.costq.core.testing.TestRedis;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-Java API on a real redis-server: typed handlers, typed results, failures as the job shows them. */
class CostqSdkTest {
    record ReportIn(int n) {
    }

    record ReportOut(int doubled) {
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
    void aTypedHandlerRunsAndItsTypedResultComesBack() {
        costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n() * 2)).start();
        JobHandle job = costq.submit("report", "u1", new ReportIn(21));
        ReportOut out = job.await(Duration.ofSeconds(10)).result(ReportOut.class);
        assertThat(out).isEqualTo(new ReportOut(42));
    }

    @Test
    void theContextNamesTheJobItsAttemptAndDeadline() {
        costq.worker().handle("ctx", ReportIn.class, (in, ctx) -> ctx.jobId() + "/" + ctx.attempt() + "/" + ctx.user()
                + "/" + (ctx.deadline().toEpochMilli() > System.currentTimeMillis()) + "/" + ctx.isCancelled()).start();
        JobHandle job = costq.submit("ctx", "u2", new ReportIn(1));
        assertThat(job.await(Duration.ofSeconds(10)).result(String.class)).isEqualTo(job.id() + "/1/u2/true/false");
    }

    @Test
    void aHandlerExceptionIsRetriedAndItsStackTraceKept() {
        AtomicInteger runs = new AtomicInteger();
        costq.worker().handle("flaky", ReportIn.class, (in, ctx) -> {
            if (runs.incrementAndGet() < 2) throw new IllegalStateException("downstream busy");
            return new ReportOut(in.n());
        }).start();
        JobHandle job = costq.submit("flaky", "u1", new ReportIn(7), SubmitOptions.builder().maxAttempts(3).build());
        JobHandle done = job.await(Duration.ofSeconds(20));
        assertThat(done.result(ReportOut.class)).isEqualTo(new ReportOut(7));
        assertThat(done.view().orElseThrow().attempts()).isEqualTo(2);
        assertThat(done.stackTrace()).contains("IllegalStateException: downstream busy").contains("CostqSdkTest");
    }

    @Test
    void aPermanentFailureEndsFailedAtOnceWithItsStackTrace() {
        AtomicInteger runs = new AtomicInteger();
        costq.worker().handle("strict", ReportIn.class, (in, ctx) -> {
            runs.incrementAndGet();
            throw new PermanentJobFailure("n must be even");
        }).start();
        JobHandle done = costq.submit("strict", "u1", new ReportIn(3)).await(Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobState.FAILED);
        assertThat(done.error()).contains("n must be even");
        assertThat(done.stackTrace()).contains("PermanentJobFailure");
        assertThat(runs).hasValue(1);
        assertThatThrownBy(() -> done.result(ReportOut.class)).isInstanceOf(JobFailedException.class).hasMessageContaining("FAILED");
    }

    @Test
    void aPayloadTheHandlerCannotReadEndsFailedWithoutRetries() {
        costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n())).start();
        JobHandle done = costq.submit("report", "u1", java.util.Map.of("n", "not a number"),
                SubmitOptions.builder().maxAttempts(5).build()).await(Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobState.FAILED);
        assertThat(done.error()).contains("cannot be read as " + ReportIn.class.getName());
        assertThat(done.view().orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aValidatorRefusesABadPayloadAtSubmitNamingPayload() {
        costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n()), in -> {
            if (in.n() < 0) throw new IllegalArgumentException("n must be >= 0");
        });
        assertThatThrownBy(() -> costq.submit("report", "u1", new ReportIn(-1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("payload"))
                .hasMessageContaining("n must be >= 0");
    }

    @Test
    void aBadTypeNameIsRefusedNamingType() {
        assertThatThrownBy(() -> costq.submit("no spaces", "u1", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("type"));
    }

    @Test
    void asyncSubmitAndAwaitCompose() throws Exception {
        costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n() * 2)).start();
        ReportOut out = costq.submitAsync("report", "u3", new ReportIn(5))
                .thenCompose(h -> h.awaitAsync(Duration.ofSeconds(10)))
                .thenApply(h -> h.result(ReportOut.class)).get();
        assertThat(out).isEqualTo(new ReportOut(10));
    }

    @Test
    void aSchedulePutThroughTheFacadeIsReadBackWithItsNextFire() {
        var spec = io.costq.core.schedule.ScheduleSpec.builder("nightly-report").cron("0 0 2 * * *").timezone("Europe/London")
                .job(io.costq.core.client.SubmitRequest.of("ops", "report", null)).build();
        assertThat(costq.schedules().put(spec).created()).isTrue();
        assertThat(costq.schedules().put(spec).created()).as("a second put replaces it").isFalse();
        var stored = costq.schedules().get("nightly-report").orElseThrow();
        assertThat(stored.spec().cron()).isEqualTo("0 0 2 * * *");
        assertThat(stored.spec().job().type()).isEqualTo("report");
        assertThat(stored.nextFireMs()).isEqualTo(spec.ticks().nextAfter(System.currentTimeMillis()));
    }
}
