package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.costq.model.PolicySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final List<TraceJob> STEADY = new TraceGenerator(TraceSpec.defaults(12_000, 0.9)).generate();
    private final Simulator plain = new Simulator(ClusterConfig.plain(5, 8), 60_000);

    @Test
    void aRunIsDeterministic() {
        assertThat(plain.run(STEADY, "costq", SettingsOverrides.none()).toJson())
                .isEqualTo(plain.run(STEADY, "costq", SettingsOverrides.none()).toJson());
    }

    @Test
    void everyPolicyCompletesEveryJob() {
        for (String p : PolicyCatalog.ALL) {
            SimResult r = new Simulator(ClusterConfig.plain(5, 8), 0).run(STEADY.subList(0, 3_000), p, SettingsOverrides.none());
            assertThat(r.jobs()).as(p).isEqualTo(3_000);
            assertThat(r.meanSlowdown()).as(p).isGreaterThanOrEqualTo(1.0 - 1e-9);
        }
    }

    @Test
    void theLiteralEightyPercentRuleUsesSevenOfEightCores() {
        // saturate: every node always has work queued, so utilization is what the gate allows
        List<TraceJob> flood = new TraceGenerator(TraceSpec.defaults(6_000, 1.5)).generate();
        SimResult r = new Simulator(ClusterConfig.plain(5, 8), 30_000).run(flood, "fifo-pull", SettingsOverrides.none());
        for (double u : r.nodeUtilization()) assertThat(u).isCloseTo(7.0 / 8, within(0.03));
    }

    @Test
    void theTunedPolicyBeatsTheSeedRuleAtLoadPointNine() {
        SimResult tuned = plain.run(STEADY, "costq", SettingsOverrides.none());
        SimResult seed = plain.run(STEADY, "costq-seed", SettingsOverrides.none());
        assertThat(tuned.meanMs()).isLessThan(seed.meanMs());
    }

    @Test
    void aPerJobOverheadDelaysEachRecordedEndByItAndChangesNoDecision() {
        List<TraceJob> trace = STEADY.subList(0, 3_000);
        ClusterConfig uneven = new ClusterConfig(5, 8, new double[] {1, 1, 1, 0.7, 0.7}, 0.05, 0.3, 0, 256);
        List<JobTimes> plainTimes = new java.util.ArrayList<>();
        List<JobTimes> withOverhead = new java.util.ArrayList<>();
        SimResult a = new Simulator(uneven, 0).run(trace, "costq", SettingsOverrides.none(), plainTimes::add);
        SimResult b = new Simulator(uneven.withOverheadMs(40), 0).run(trace, "costq", SettingsOverrides.none(), withOverhead::add);
        assertThat(withOverhead).hasSize(3_000).hasSameSizeAs(plainTimes);
        for (int i = 0; i < plainTimes.size(); i++) {
            JobTimes p = plainTimes.get(i);
            JobTimes o = withOverhead.get(i);
            assertThat(o.index()).isEqualTo(p.index());
            assertThat(o.node()).isEqualTo(p.node());
            assertThat(o.startedMs()).isEqualTo(p.startedMs());
            assertThat(o.finishedMs()).isCloseTo(p.finishedMs() + 40, within(1e-9));
        }
        assertThat(b.meanMs()).isCloseTo(a.meanMs() + 40, within(1e-6));
        assertThat(b.meanWaitMs()).isEqualTo(a.meanWaitMs());
    }

    @Test
    void theDefaultClusterHasNoOverhead() {
        assertThat(new ClusterConfig(5, 8, TraceSpec.ones(5), 0, 0, 0, 256).overheadMs()).isZero();
    }

    @Test
    void overridesReachTheProductionSettings() {
        SettingsOverrides o = SettingsOverrides.parse(List.of("policy.cpuThreshold=0.9", "policy.slotsPerCore=1.25",
                "classes.bounds=1000,3000", "estimator.window=5"));
        PolicySettings p = o.policy(PolicySettings.DEFAULT);
        assertThat(p.cpuThreshold()).isEqualTo(0.9);
        assertThat(p.slotsPerCore()).isEqualTo(1.25);
        assertThat(p.maxTasks()).isEqualTo(PolicySettings.DEFAULT.maxTasks());
        assertThat(o.classifier(io.costq.model.ClassifierSettings.SEED).classes()).isEqualTo(3);
        assertThat(o.estimator(io.costq.model.EstimatorSettings.SEED).window()).isEqualTo(5);
        assertThatThrownBy(() -> SettingsOverrides.parse(List.of("policy.nope=1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
