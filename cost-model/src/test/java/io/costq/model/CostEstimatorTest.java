package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    private final CostEstimator seed = new CostEstimator(EstimatorSettings.SEED);

    @Test
    void linearTenToOneWeightedMeanOfTheSeed() {
        List<Long> history = new ArrayList<>();
        for (int i = 0; i < 5; i++) history.add(9_000L);
        for (int i = 0; i < 5; i++) history.add(1_000L);
        // (9000*(10+9+8+7+6) + 1000*(5+4+3+2+1)) / 55 = 375000 / 55 = 6818.18...
        assertThat(seed.estimate("sleep", history, null)).isEqualTo(new Estimate(6818, Estimate.Source.HISTORY));
    }

    @Test
    void onlyTheNewestWindowCounts() {
        List<Long> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) history.add(100L);
        history.add(1_000_000L);
        assertThat(seed.weightedMean(history)).isEqualTo(100);
    }

    @Test
    void shortHistoryUsesTheWeightsOfItsPositions() {
        // newest 300 (w10), then 100 (w9): (3000 + 900) / 19 = 205.26
        assertThat(seed.weightedMean(List.of(300L, 100L))).isEqualTo(205);
    }

    @Test
    void exponentialAndExplicitSchemes() {
        var exp = new CostEstimator(new EstimatorSettings(3, WeightScheme.EXPONENTIAL, 0.5, List.of(), 0, Map.of()));
        // weights 1, .5, .25 over 700, 100, 100: (700 + 50 + 25) / 1.75 = 442.8
        assertThat(exp.weightedMean(List.of(700L, 100L, 100L))).isEqualTo(442);
        var explicit = new CostEstimator(new EstimatorSettings(0, WeightScheme.EXPLICIT, 1, List.of(1.0, 0.0), 0, Map.of()));
        assertThat(explicit.weightedMean(List.of(700L, 100L, 100L))).isEqualTo(700);
        assertThat(explicit.settings().window()).isEqualTo(2);
    }

    @Test
    void coldStartPrefersTypePriorThenRecentMedianThenDefault() {
        var est = new CostEstimator(new EstimatorSettings(10, WeightScheme.LINEAR, 1, List.of(), 1_500, Map.of("report", 9_000L)));
        RecentEstimates recent = RecentEstimates.of(List.of(100L, 300L, 200L));
        assertThat(est.estimate("report", List.of(), recent)).isEqualTo(new Estimate(9_000, Estimate.Source.TYPE_PRIOR));
        assertThat(est.estimate("sleep", List.of(), recent)).isEqualTo(new Estimate(200, Estimate.Source.RECENT_MEDIAN));
        assertThat(est.estimate("sleep", null, RecentEstimates.EMPTY)).isEqualTo(new Estimate(1_500, Estimate.Source.DEFAULT_PRIOR));
    }

    @Test
    void nonsenseSettingsAreRejected() {
        assertThatThrownBy(() -> new EstimatorSettings(0, WeightScheme.LINEAR, 1, List.of(), 0, Map.of()))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> new EstimatorSettings(10, WeightScheme.EXPONENTIAL, 0, List.of(), 0, Map.of()))
                .hasMessageContaining("decay");
        assertThatThrownBy(() -> new EstimatorSettings(1, WeightScheme.EXPLICIT, 1, List.of(-1.0), 0, Map.of()))
                .hasMessageContaining("explicit");
        assertThatThrownBy(() -> new EstimatorSettings(10, WeightScheme.LINEAR, 1, List.of(), -5, Map.of()))
                .hasMessageContaining("prior");
    }
}
