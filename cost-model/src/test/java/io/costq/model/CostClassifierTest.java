package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostClassifierTest {

    @Test
    void fixedSeedBoundsSplitAtTwoFiveAndTenSeconds() {
        ClassBounds b = new CostClassifier(ClassifierSettings.SEED).fixedBounds();
        assertThat(b.classes()).isEqualTo(4);
        assertThat(b.classify(0)).isZero();
        assertThat(b.classify(1_999)).isZero();
        assertThat(b.classify(2_000)).isEqualTo(1);
        assertThat(b.classify(4_999)).isEqualTo(1);
        assertThat(b.classify(5_000)).isEqualTo(2);
        assertThat(b.classify(10_000)).isEqualTo(3);
        assertThat(b.classify(Long.MAX_VALUE)).isEqualTo(3);
        assertThat(b.upperBoundMs(3)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void adaptiveBoundsAreQuantilesOfRecentEstimates() {
        var settings = new ClassifierSettings(4, ClassifierSettings.Mode.ADAPTIVE, List.of(2_000L, 5_000L, 10_000L), 10);
        List<Long> recent = new ArrayList<>();
        for (long v = 1; v <= 100; v++) recent.add(v * 100);
        ClassBounds b = new CostClassifier(settings).bounds(RecentEstimates.of(recent));
        assertThat(b.upperMs()).containsExactly(2_525, 5_050, 7_575);
        // about a quarter of the sample in each class
        long[] perClass = new long[4];
        recent.forEach(v -> perClass[b.classify(v)]++);
        assertThat(perClass).containsExactly(25, 25, 25, 25);
    }

    @Test
    void adaptiveFallsBackToFixedUntilEnoughSamplesAndStaysStrictlyIncreasing() {
        var settings = new ClassifierSettings(4, ClassifierSettings.Mode.ADAPTIVE, List.of(2_000L, 5_000L, 10_000L), 10);
        var classifier = new CostClassifier(settings);
        assertThat(classifier.bounds(RecentEstimates.of(List.of(5L, 6L))).upperMs()).containsExactly(2_000, 5_000, 10_000);
        List<Long> same = new ArrayList<>();
        for (int i = 0; i < 50; i++) same.add(700L);
        assertThat(classifier.bounds(RecentEstimates.of(same)).upperMs()).containsExactly(700, 701, 702);
    }

    @Test
    void unsortedOrMiscountedBoundsAreRejected() {
        assertThatThrownBy(() -> new ClassifierSettings(4, ClassifierSettings.Mode.FIXED, List.of(5_000L, 2_000L, 10_000L), 1))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new ClassifierSettings(4, ClassifierSettings.Mode.FIXED, List.of(5_000L), 1))
                .hasMessageContaining("classes - 1");
        assertThatThrownBy(() -> new ClassifierSettings(1, ClassifierSettings.Mode.FIXED, List.of(), 1))
                .hasMessageContaining("classes");
    }
}
