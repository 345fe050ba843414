package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TaskCountAverageTest {
    @Test
    void anInstantaneousMeterSeesTheCountItself() {
        TaskCountAverage a = new TaskCountAverage(0);
        a.set(0, 5);
        assertThat(a.value(0)).isEqualTo(5.0);
    }

    @Test
    void aLaggingMeterSeesAStepAsAnExponentialApproach() {
        TaskCountAverage a = new TaskCountAverage(2_000);
        a.set(0, 0);
        a.set(1_000, 8);
        assertThat(a.value(1_000)).isZero();
        assertThat(a.value(3_000)).isCloseTo(8 * (1 - Math.exp(-1)), within(1e-9));
        a.set(3_000, 0);
        assertThat(a.value(5_000)).isCloseTo(8 * (1 - Math.exp(-1)) * Math.exp(-1), within(1e-9));
    }
}
