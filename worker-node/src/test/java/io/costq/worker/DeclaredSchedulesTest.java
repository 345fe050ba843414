package io.costq.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.Costq;
import io.costq.core.schedule.CronTicks;
import io.costq.core.schedule.ScheduleSpec;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Recurring schedules declared in config and by {@code @CostqRecurring} exist once the app has started. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {
        @ResourceArg(name = "costq.worker.node-id", value = "schedules-worker"),
        @ResourceArg(name = "costq.worker.cpu-source", value = "SIMULATED"),
        @ResourceArg(name = "costq.schedules.enabled", value = "true"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.cron", value = "0 0 2 * * *"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.timezone", value = "Europe/London"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.catch-up", value = "none"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.job-type", value = "echo"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.job-user", value = "ops"),
        @ResourceArg(name = "costq.schedules.declared.nightly-echo.job-payload", value = "{\"n\":21}")})
class DeclaredSchedulesTest {
    @Inject
    Costq costq;

    @Test
    void aScheduleDeclaredInConfigExistsAfterStartUpWithItsNextFire() {
        var s = costq.schedules().get("nightly-echo").orElseThrow();
        assertThat(s.spec().timezone()).isEqualTo("Europe/London");
        assertThat(s.spec().catchUp()).isEqualTo(ScheduleSpec.CatchUp.NONE);
        assertThat(s.spec().job().type()).isEqualTo("echo");
        assertThat(s.spec().job().payload().get("n").asInt()).isEqualTo(21);
        long created = s.createdAtMs();
        assertThat(s.nextFireMs()).isEqualTo(CronTicks.of("0 0 2 * * *", "Europe/London").nextAfter(created));
    }

    @Test
    void aCostqRecurringHandlerHasItsScheduleAfterStartUp() {
        var s = costq.schedules().get("echo-hourly").orElseThrow();
        assertThat(s.spec().job().type()).isEqualTo("echo");
        assertThat(s.spec().job().user()).isEqualTo("ops");
        assertThat(s.nextFireMs()).isEqualTo(CronTicks.of("0 0 * * * *", "UTC").nextAfter(s.createdAtMs()));
    }
}
