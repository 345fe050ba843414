package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTargetsTest {
    private static SimResult result(String policy, double meanMs, double p99Ms, double over60) {
        return new SimResult(policy, 1_000, meanMs, 0, 0, p99Ms, p99Ms, 1, over60 / 1_000, 0, new double[] {0.5}, 100, 0);
    }

    private static MatrixRun.Cell cell(long seed, SimResult... results) {
        Map<String, SimResult> byPolicy = new LinkedHashMap<>();
        for (SimResult r : results) byPolicy.put(r.policy(), r);
        return new MatrixRun.Cell(Scenarios.named("busy"), seed, byPolicy);
    }

    @Test
    void aTargetIsJudgedOnTheWorstSeed() {
        List<MatrixRun.Cell> busy = List.of(
                cell(1, result("costq", 4_000, 30_000, 0), result("oracle-cpu", 3_500, 16_000, 100)),
                cell(2, result("costq", 5_000, 41_000, 2), result("oracle-cpu", 3_500, 16_000, 120)));
        List<MatrixTargets.Check> checks = MatrixTargets.check(Map.of("busy", busy));
        assertThat(checks).extracting(MatrixTargets.Check::what)
                .containsExactly("costq mean / oracle-cpu mean", "costq p99", "costq jobs over 60 s");
        assertThat(checks.get(0).worst()).isEqualTo(5_000 / 3_500.0);
        assertThat(checks.get(0).met()).isFalse();
        assertThat(checks.get(1).worst()).isEqualTo(41.0);
        assertThat(checks.get(2).worst()).isEqualTo(2.0);
        assertThat(checks.get(2).line()).contains("MISSED");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMiddlePair() {
        assertThat(MatrixReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(MatrixReport.worst(new double[] {4, 1, 3, 2})).isEqualTo(4);
    }
}
