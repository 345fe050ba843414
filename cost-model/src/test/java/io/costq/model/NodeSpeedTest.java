package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NodeSpeedTest {
    @Test
    void aNodeWhoseRunsTakeAQuarterLongerThanEstimatedLearnsItRunsAt0Point8() {
        NodeSpeed speed = new NodeSpeed();
        for (int i = 0; i < NodeSpeed.MIN_RUNS - 1; i++) speed.record(4_000, 5_000);
        assertThat(speed.relative()).as("typical until enough runs").isEqualTo(1.0);
        for (int i = 0; i < 200; i++) speed.record(4_000, 5_000);
        assertThat(speed.relative()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void runsTooShortToMeasureAreIgnored() {
        NodeSpeed speed = new NodeSpeed();
        for (int i = 0; i < 200; i++) speed.record(NodeSpeed.MIN_ESTIMATE_MS - 1, 10 * NodeSpeed.MIN_ESTIMATE_MS);
        assertThat(speed.relative()).isEqualTo(1.0);
    }
}
