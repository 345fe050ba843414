package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostqPickPolicyTest {
    private static final long NOW = 1_000_000;
    private final CostqPickPolicy seed = new CostqPickPolicy(PolicySettings.SEED);

    /** n running tasks, the soonest ending in soonestMs and the longest in allMs. */
    private static NodeSnapshot node(double cpu, long allMs, long soonestMs, int threads) {
        List<RunningTask> running = new ArrayList<>();
        running.add(new RunningTask(soonestMs + 1_000, 1_000));
        for (int i = 1; i < threads; i++) running.add(new RunningTask(allMs + 500, 500));
        return new NodeSnapshot(cpu, 8, 64, running);
    }

    /** One 8 s job waiting, in class 2 of the seed bounds. */
    private static QueueSnapshot eightSecondJob() {
        return new QueueSnapshot(List.of(ClassQueue.empty(0), ClassQueue.empty(1),
                new ClassQueue(2, 1, NOW - 100, 8_000), ClassQueue.empty(3)));
    }

    @Test
    void theSeedsFourNodeExample() {
        NodeSnapshot node1 = node(0.60, 15_000, 4_000, 20);
        NodeSnapshot node2 = node(0.20, 12_000, 7_000, 19);
        NodeSnapshot node3 = node(1.00, 8_000, 2_000, 5);
        NodeSnapshot node4 = node(0.90, 15_000, 15_000, 8);
        assertThat(node1.soonestFinishMs()).isEqualTo(4_000);
        assertThat(node1.allRemainingMs()).isEqualTo(15_000);

        assertThat(seed.pick(node1, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        assertThat(seed.pick(node2, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        assertThat(seed.pick(node3, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        assertThat(seed.pick(node4, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void saturatedNodeStillTakesASmallJobThatFitsBeforeItsSoonestTaskEnds() {
        QueueSnapshot smallAndLarge = new QueueSnapshot(List.of(new ClassQueue(0, 3, NOW - 10, 1_000),
                ClassQueue.empty(1), new ClassQueue(2, 1, NOW - 100, 8_000), ClassQueue.empty(3)));
        assertThat(seed.pick(node(0.90, 15_000, 15_000, 8), smallAndLarge, NOW)).isEqualTo(new Decision.Take(0));
        // node 3's soonest task ends in 2 s: a 1 s job fits, so it takes it too
        assertThat(seed.pick(node(1.00, 8_000, 2_000, 5), smallAndLarge, NOW)).isEqualTo(new Decision.Take(0));
        assertThat(seed.pick(node(1.00, 8_000, 500, 5), smallAndLarge, NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void neverMoreThanMaxTasks() {
        var policy = new CostqPickPolicy(new PolicySettings(0.8, 5, 2_000, 200));
        Decision d = policy.pick(node(0.10, 1_000, 500, 5), eightSecondJob(), NOW);
        assertThat(d).isInstanceOf(Decision.Wait.class);
        assertThat(((Decision.Wait) d).reason()).isEqualTo("at max tasks");
    }

    @Test
    void emptyQueuesMeanWait() {
        QueueSnapshot empty = new QueueSnapshot(List.of(ClassQueue.empty(0), ClassQueue.empty(1)));
        assertThat(seed.pick(node(0.1, 0, 0, 0), empty, NOW)).isEqualTo(new Decision.Wait(200, "queues empty"));
    }

    @Test
    void cheapJobsFirstButLongWaitersAgeToTheFront() {
        NodeSnapshot idle = new NodeSnapshot(0.1, 8, 32, List.of());
        // fresh 1 s head vs a 12 s head that waited 6 s: ratios (0+1)/1 = 1 vs (6+12)/12 = 1.5 -> class 3 wins
        QueueSnapshot aged = new QueueSnapshot(List.of(new ClassQueue(0, 50, NOW, 1_000), ClassQueue.empty(1),
                ClassQueue.empty(2), new ClassQueue(3, 1, NOW - 6_000, 12_000)));
        assertThat(seed.pick(idle, aged, NOW)).isEqualTo(new Decision.Take(3));
        // both fresh: the cheap one goes first
        QueueSnapshot fresh = new QueueSnapshot(List.of(new ClassQueue(0, 50, NOW - 100, 1_000), ClassQueue.empty(1),
                ClassQueue.empty(2), new ClassQueue(3, 1, NOW - 100, 12_000)));
        assertThat(seed.pick(idle, fresh, NOW)).isEqualTo(new Decision.Take(0));
    }

    @Test
    void theSlotGateCountsTasksBlockedOnADownstream() {
        var tuned = new CostqPickPolicy(PolicySettings.DEFAULT);
        // 12 tasks on 8 cores, CPU meter at 0.25 because most wait on a downstream: the seed rule takes more,
        // the slot gate (1.5 x 8 = 12 slots) does not
        NodeSnapshot blocked = new NodeSnapshot(0.25, 8, 64, java.util.Collections.nCopies(12, new RunningTask(8_000, 1_000)));
        assertThat(seed.pick(blocked, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        assertThat(tuned.pick(blocked, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        NodeSnapshot roomy = new NodeSnapshot(0.25, 8, 64, java.util.Collections.nCopies(11, new RunningTask(8_000, 1_000)));
        assertThat(tuned.pick(roomy, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
    }

    @Test
    void theTunedCpuThresholdLetsANodeUseAllItsCores() {
        var tuned = new CostqPickPolicy(PolicySettings.DEFAULT);
        NodeSnapshot sevenBusy = new NodeSnapshot(7 / 8.0, 8, 64, java.util.Collections.nCopies(7, new RunningTask(8_000, 1_000)));
        assertThat(seed.pick(sevenBusy, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        assertThat(tuned.pick(sevenBusy, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        NodeSnapshot allBusy = new NodeSnapshot(1.0, 8, 64, java.util.Collections.nCopies(8, new RunningTask(8_000, 1_000)));
        assertThat(tuned.pick(allBusy, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void aStarvingHeadGoesFirstWhateverItsRatio() {
        var guarded = new CostqPickPolicy(PolicySettings.DEFAULT);
        NodeSnapshot idle = new NodeSnapshot(0.1, 8, 64, List.of());
        // a 1 s head that waited 29 s (ratio 30) vs a 15 s head that waited 31 s (ratio 3.1)
        QueueSnapshot queues = new QueueSnapshot(List.of(new ClassQueue(0, 9, NOW - 29_000, 1_000), ClassQueue.empty(1),
                ClassQueue.empty(2), new ClassQueue(3, 1, NOW - 31_000, 15_000)));
        assertThat(seed.pick(idle, queues, NOW)).isEqualTo(new Decision.Take(0));
        assertThat(guarded.pick(idle, queues, NOW)).isEqualTo(new Decision.Take(3));
    }

    @Test
    void settingsValidateThemselves() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PolicySettings(0.9, 8, 0, 200, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PolicySettings.SEED.slots(8)).isEqualTo(Integer.MAX_VALUE);
        assertThat(new PolicySettings(0.9, 8, 0, 200, 1.25, 0).slots(8)).isEqualTo(10);
        assertThat(PolicySettings.DEFAULT.describe()).contains("running tasks");
    }

    @Test
    void aNodeRunningNothingTakesOneJobEvenWhenOtherProcessesKeepItsCpuBusy() {
        NodeSnapshot idleButHot = new NodeSnapshot(1.0, 8, 64, java.util.List.of());
        assertThat(new CostqPickPolicy(PolicySettings.DEFAULT).pick(idleButHot, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        NodeSnapshot oneRunning = new NodeSnapshot(1.0, 8, 64, java.util.List.of(new RunningTask(10_000, 1_000)));
        assertThat(new CostqPickPolicy(PolicySettings.DEFAULT).pick(oneRunning, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void aBatchIsAsManyAsThePolicyWouldTakeOneAfterAnother() {
        var policy = new CostqPickPolicy(PolicySettings.DEFAULT); // 1.5 slots per core
        NodeSnapshot idle = new NodeSnapshot(0.1, 4, 64, List.of());
        QueueSnapshot deep = new QueueSnapshot(List.of(new ClassQueue(0, 100, NOW - 10, 500), ClassQueue.empty(1),
                ClassQueue.empty(2), ClassQueue.empty(3)));
        assertThat(policy.pick(idle, deep, NOW)).isEqualTo(new Decision.Take(0));
        // each task taken shows on an instantaneous meter: 0.1 + 3/4 < 0.95 takes a 4th, 0.1 + 4/4 does not
        assertThat(policy.batch(idle, deep, 0, 16, NOW)).as("one per core").isEqualTo(4);
        assertThat(policy.batch(idle, deep, 0, 3, NOW)).as("capped by max").isEqualTo(3);
        QueueSnapshot shallow = new QueueSnapshot(List.of(new ClassQueue(0, 2, NOW - 10, 500), ClassQueue.empty(1),
                ClassQueue.empty(2), ClassQueue.empty(3)));
        assertThat(policy.batch(idle, shallow, 0, 16, NOW)).as("no more than queued").isEqualTo(2);
    }
}
