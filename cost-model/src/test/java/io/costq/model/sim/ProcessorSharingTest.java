package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessorSharingTest {
    @Test
    void rateIsTheSpeedUpToOneTaskPerCoreThenSharedAndThrashed() {
        ProcessorSharing<String> cpu = new ProcessorSharing<>(8, 0.7, 0.05);
        assertThat(cpu.rate(8)).isEqualTo(0.7);
        assertThat(cpu.rate(16)).isCloseTo(0.7 * 0.5 / 1.05, within(1e-12));
    }

    @Test
    void aLateLookEndsEachTaskAtTheInstantItsWorkRanOut() {
        ProcessorSharing<String> cpu = new ProcessorSharing<>(1, 1, 0);
        cpu.add("short", 1_000, 0);
        cpu.add("long", 3_000, 0);
        // both at 1/2 until the short one is done at 2000 ms, then the long one alone: 2000 ms more
        assertThat(cpu.nextEndMs()).isCloseTo(2_000, within(1e-9));
        List<ProcessorSharing.Finished<String>> done = cpu.advanceTo(10_000); // looked at late, once
        assertThat(done).extracting(ProcessorSharing.Finished::item).containsExactly("short", "long");
        assertThat(done.get(0).atMs()).isCloseTo(2_000, within(1e-9));
        assertThat(done.get(1).atMs()).isCloseTo(4_000, within(1e-9));
        assertThat(cpu.size()).isZero();
    }

    @Test
    void aRemovedTaskNoLongerSharesTheCores() {
        ProcessorSharing<String> cpu = new ProcessorSharing<>(1, 1, 0);
        cpu.add("a", 1_000, 0);
        cpu.add("b", 1_000, 0);
        assertThat(cpu.advanceTo(1_000)).isEmpty(); // each got 500 ms of work
        assertThat(cpu.remove("b")).isTrue();
        assertThat(cpu.nextEndMs()).isCloseTo(1_500, within(1e-9));
    }
}
