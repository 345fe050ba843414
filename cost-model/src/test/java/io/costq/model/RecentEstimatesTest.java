package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample's median (worked out once, asked by every cold-start submit) is its R-6 0.5-quantile. */
class RecentEstimatesTest {
    @Test
    void medianIsTheHalfQuantileOfTheSample() {
        RecentEstimates odd = RecentEstimates.of(List.of(300L, 100L, 200L));
        RecentEstimates even = RecentEstimates.of(List.of(400L, 100L, 300L, 200L));
        assertThat(odd.median()).isEqualTo(200).isEqualTo(odd.quantile(0.5));
        assertThat(even.median()).isEqualTo(250).isEqualTo(even.quantile(0.5));
        assertThat(RecentEstimates.EMPTY.median()).isZero();
    }
}
