package io.costq.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostqPickPolicyTest {
    private static final long NOW = 1_000_000;
    private final CostqPickPolicy seed = new CostqPickPolicy(PolicySettings.SEED);
    private final CostqPickPolicy tuned = new CostqPickPolicy(PolicySettings.DEFAULT);

    /** n running tasks, the soonest ending in soonestMs and the longest in allMs. */
    private static NodeSnapshot node(double cpu, long allMs, long soonestMs, int threads) {
        List<RunningTask> running = new ArrayList<>();
        running.add(new RunningTask(soonestMs + 1_000, 1_000));
        for (int i = 1; i < threads; i++) running.add(new RunningTask(allMs + 500, 500));
        return new NodeSnapshot(cpu, 8, 64, running);
    }

    private static NodeSnapshot busy(double cpu, int tasks) {
        return new NodeSnapshot(cpu, 8, 256, Collections.nCopies(tasks, new RunningTask(8_000, 1_000)));
    }

    /** One 8 s job waiting, in class 2 of the seed bounds. */
    private static QueueSnapshot eightSecondJob() {
        return new QueueSnapshot(List.of(ClassQueue.empty(0), ClassQueue.empty(1),
                new ClassQueue(2, 1, NOW - 100, 8_000), ClassQueue.empty(3)));
    }

    private static QueueSnapshot heads(ClassQueue... nonEmpty) {
        List<ClassQueue> classes = new ArrayList<>(List.of(ClassQueue.empty(0), ClassQueue.empty(1), ClassQueue.empty(2), ClassQueue.empty(3)));
        for (ClassQueue q : nonEmpty) classes.set(q.costClass(), q);
        return new QueueSnapshot(classes);
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
        // the tuned rule agrees on nodes 1-3; node 4's 90 % of 8 cores leaves most of a core idle, so it takes
        assertThat(tuned.pick(node1, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        assertThat(tuned.pick(node3, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        assertThat(tuned.pick(node4, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
    }

    @Test
    void aNodeWhoseCoresAreBusyStillTakesATinyJob() {
        QueueSnapshot tinyAndLarge = heads(new ClassQueue(0, 3, NOW - 10, 3), new ClassQueue(2, 1, NOW - 100, 8_000));
        assertThat(tuned.pick(busy(1.0, 8), tinyAndLarge, NOW)).isEqualTo(new Decision.Take(0));
        QueueSnapshot smallAndLarge = heads(new ClassQueue(0, 3, NOW - 10, 1_000), new ClassQueue(2, 1, NOW - 100, 8_000));
        assertThat(tuned.pick(busy(1.0, 8), smallAndLarge, NOW)).isInstanceOf(Decision.Wait.class);
        // the seed's literal fill-in: jobs up to 2 s
        assertThat(seed.pick(busy(0.9, 8), smallAndLarge, NOW)).isEqualTo(new Decision.Take(0));
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
    void theCheapestClassGoesFirstUntilAHeadReachesALine() {
        NodeSnapshot idle = new NodeSnapshot(0.1, 8, 256, List.of());
        // a fresh 1 s head and a 4 s head that waited 31 s: 31 < 32 and 31 + 1.5 x 4 = 37 < 42, the cheap one first
        QueueSnapshot waiting = heads(new ClassQueue(0, 50, NOW, 1_000), new ClassQueue(1, 1, NOW - 31_000, 4_000));
        assertThat(tuned.pick(idle, waiting, NOW)).isEqualTo(new Decision.Take(0));
        // 1 s later it has waited 32 s: the first line, it goes first
        assertThat(tuned.pick(idle, waiting, NOW + 1_000)).isEqualTo(new Decision.Take(1));
        // an 8 s head reaches the 99th percentile's line earlier: 29 + 1.5 x 8 = 41 s, then 42 s
        QueueSnapshot eight = heads(new ClassQueue(0, 50, NOW, 1_000), new ClassQueue(2, 1, NOW - 29_000, 8_000));
        assertThat(tuned.pick(idle, eight, NOW)).isEqualTo(new Decision.Take(0));
        assertThat(tuned.pick(idle, eight, NOW + 1_000)).isEqualTo(new Decision.Take(2));
        // a 14 s head earlier still: 20 + 1.5 x 14 = 41 s, then 42 s
        QueueSnapshot fifteen = heads(new ClassQueue(0, 50, NOW, 1_000), new ClassQueue(3, 1, NOW - 20_000, 14_000));
        assertThat(tuned.pick(idle, fifteen, NOW)).isEqualTo(new Decision.Take(0));
        assertThat(tuned.pick(idle, fifteen, NOW + 1_000)).isEqualTo(new Decision.Take(3));
    }

    @Test
    void amongLateHeadsTheLatestGoesFirst() {
        NodeSnapshot idle = new NodeSnapshot(0.1, 8, 256, List.of());
        // a 1 s head that waited 38 s (6 s late) and a 10 s head that waited 35 s (35 + 15 = 50: 8 s past 42 s)
        QueueSnapshot queues = heads(new ClassQueue(0, 9, NOW - 38_000, 1_000), new ClassQueue(3, 1, NOW - 35_000, 10_000));
        assertThat(tuned.pick(idle, queues, NOW)).isEqualTo(new Decision.Take(3));
        assertThat(seed.pick(idle, queues, NOW)).as("the seed has no guard").isEqualTo(new Decision.Take(0));
    }

    @Test
    void noHeadStarvesBehindAnEndlessStreamOfCheaperWork() {
        NodeSnapshot idle = new NodeSnapshot(0.1, 8, 256, List.of());
        NodeSnapshot slow = new NodeSnapshot(0.1, 8, 256, List.of(), 0.7, 0);
        // class 0 always has a fresh 1 s head (cheaper work keeps arriving); one dearer head queued at NOW
        long[][] cases = {{1, 3_000, 32_000}, {2, 8_000, 30_000}, {3, 14_000, 21_000}}; // class, estimate, its line
        for (long[] c : cases) {
            int k = (int) c[0];
            long estimate = c[1];
            assertThat(firstTakenAfter(idle, k, estimate)).as("class %d taken at its line", k).isEqualTo(c[2]);
            // a 0.7 node leaves a late head to faster nodes only while it is late by less than it would add
            assertThat(firstTakenAfter(slow, k, estimate)).as("class %d on a slow node", k)
                    .isLessThanOrEqualTo(c[2] + Math.round(estimate * (1 / 0.7 - 1)) + 100);
        }
    }

    /** Steps the clock by 100 ms from NOW until the node takes class k's head (queued at NOW), returning the wait. */
    private long firstTakenAfter(NodeSnapshot node, int k, long estimateMs) {
        for (long t = NOW; t <= NOW + 60_000; t += 100) {
            QueueSnapshot queues = heads(new ClassQueue(0, 1_000, t - 20, 1_000), new ClassQueue(k, 1, NOW, estimateMs));
            if (tuned.pick(node, queues, t) instanceof Decision.Take take && take.costClass() == k) return t - NOW;
        }
        return Long.MAX_VALUE;
    }

    @Test
    void aSlowNodeLeavesALateLongHeadToFasterNodesUntilItIsLateByWhatItWouldAdd() {
        NodeSnapshot slow = new NodeSnapshot(0.1, 8, 256, List.of(), 0.7, 0);
        NodeSnapshot fast = new NodeSnapshot(0.1, 8, 256, List.of(), 1.0, 0);
        // a 14 s head that waited 24 s: 24 + 21 = 45 s, 3 s past the second line; a 0.7 node would add 6 s to its run
        QueueSnapshot queues = heads(new ClassQueue(0, 9, NOW - 100, 1_000), new ClassQueue(3, 1, NOW - 24_000, 14_000));
        assertThat(fast.speed()).isEqualTo(1.0);
        assertThat(tuned.pick(fast, queues, NOW)).isEqualTo(new Decision.Take(3));
        assertThat(tuned.pick(slow, queues, NOW)).as("the slow node takes a cheap one").isEqualTo(new Decision.Take(0));
        // 3 s later it is 6 s late, more than the 6 s the slow node would add: no faster node took it, the slow one does
        assertThat(tuned.pick(slow, queues, NOW + 3_000)).isEqualTo(new Decision.Take(3));
        // a late 1 s head costs the slow node 0.43 s more: it takes it at once
        QueueSnapshot shortLate = heads(new ClassQueue(0, 9, NOW - 33_000, 1_000));
        assertThat(tuned.pick(slow, shortLate, NOW)).isEqualTo(new Decision.Take(0));
    }

    @Test
    void tasksBlockedOnADownstreamHoldThreadsNotCores() {
        // 20 tasks on 8 cores, the meter at 0.5 because most wait on a downstream: 4 busy cores, room for more
        assertThat(tuned.pick(busy(0.5, 20), eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        // the old thread gate (1.5 x cores) would refuse the 13th task whatever the CPU
        var gated = new CostqPickPolicy(new PolicySettings(0.95, 256, 0, 200, 1.5, 0, 0));
        assertThat(gated.pick(busy(0.5, 12), eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void theThresholdLetsANodeUseAllItsCores() {
        assertThat(seed.pick(busy(7 / 8.0, 7), eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        assertThat(tuned.pick(busy(7 / 8.0, 7), eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        assertThat(tuned.pick(busy(1.0, 8), eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void aLaggingMeterCountsJustStartedTasksAndNoLongerJustFinishedOnes() {
        // the meter saw 4 tasks keeping 4 cores busy; 8 run now (4 just started): 8 busy cores, no room
        NodeSnapshot started = new NodeSnapshot(0.5, 8, 256, Collections.nCopies(8, new RunningTask(8_000, 100)), 1.0, 4);
        assertThat(started.busyCores()).isEqualTo(8.0);
        assertThat(tuned.pick(started, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
        // the meter still shows 8 busy cores from 8 tasks, but 6 run now: 6 busy, room for one more
        NodeSnapshot finished = new NodeSnapshot(1.0, 8, 256, Collections.nCopies(6, new RunningTask(8_000, 5_000)), 1.0, 8);
        assertThat(finished.busyCores()).isEqualTo(6.0);
        assertThat(tuned.pick(finished, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
    }

    @Test
    void aSlowNodeLeavesAFreshHeadToFasterNodesThenTakesIt() {
        NodeSnapshot slow = new NodeSnapshot(0.1, 8, 256, List.of(), 0.8, 0);
        NodeSnapshot fast = new NodeSnapshot(0.1, 8, 256, List.of(), 1.1, 0);
        QueueSnapshot fresh = heads(new ClassQueue(1, 1, NOW - 4, 3_000));
        assertThat(tuned.pick(fast, fresh, NOW)).isEqualTo(new Decision.Take(1));
        assertThat(tuned.pick(slow, fresh, NOW)).isEqualTo(new Decision.Wait(6, "leaving a fresh head to faster nodes"));
        assertThat(tuned.pick(slow, fresh, NOW + 6)).isEqualTo(new Decision.Take(1));
        // an older head in any queue shows that no faster node had room: waiting would only idle a core
        QueueSnapshot backlog = heads(new ClassQueue(1, 1, NOW - 4, 3_000), new ClassQueue(3, 5, NOW - 2_000, 12_000));
        assertThat(tuned.pick(slow, backlog, NOW)).isEqualTo(new Decision.Take(1));
    }

    @Test
    void batchWorkWithinItsOffsetOnlyFillsCoresBeyondTheReserveWhenNothingIsDue() {
        // the store scores a batch job at queued-at + its lane's offset: a head scored in the future is batch work
        NodeSnapshot fourBusy = new NodeSnapshot(0.5, 8, 256, Collections.nCopies(4, new RunningTask(3_000, 1_000)));
        QueueSnapshot batchOnly = heads(new ClassQueue(0, 4_000, NOW + 3_000_000, 3_000));
        assertThat(tuned.pick(fourBusy, batchOnly, NOW)).isEqualTo(new Decision.Take(0));
        // 6 busy cores: 6 >= (0.95 - 0.25) x 8 = 5.6, the rest of the cores are kept for interactive work
        NodeSnapshot sixBusy = new NodeSnapshot(0.75, 8, 256, Collections.nCopies(6, new RunningTask(3_000, 1_000)));
        assertThat(tuned.pick(sixBusy, batchOnly, NOW)).isInstanceOf(Decision.Wait.class);
        // a login (due) in a dearer class goes before the batch head of the cheapest class
        QueueSnapshot withLogin = heads(new ClassQueue(0, 4_000, NOW + 3_000_000, 3_000), new ClassQueue(2, 1, NOW - 10, 7_000));
        assertThat(tuned.pick(sixBusy, withLogin, NOW)).isEqualTo(new Decision.Take(2));
        // past its offset a batch head is due like any other
        QueueSnapshot batchDue = heads(new ClassQueue(0, 4_000, NOW - 10, 3_000));
        assertThat(tuned.pick(sixBusy, batchDue, NOW)).isEqualTo(new Decision.Take(0));
    }

    @Test
    void settingsValidateThemselves() {
        assertThatThrownBy(() -> new PolicySettings(0.9, 8, 0, 200, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PolicySettings(0.9, 8, 0, 200, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PolicySettings(0.9, 8, 0, 200, 0, 0, 0, 0, 0.9)).as("reserve below the threshold")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PolicySettings(0.95, 256, 5, 100, 0, 32_000, 10)).as("the services' seven settings")
                .isEqualTo(PolicySettings.DEFAULT);
        assertThat(PolicySettings.SEED.slots(8)).isEqualTo(Integer.MAX_VALUE);
        assertThat(new PolicySettings(0.9, 8, 0, 200, 1.25, 0).slots(8)).isEqualTo(10);
        assertThat(PolicySettings.DEFAULT.describe()).contains("busy cores").contains("faster");
    }

    @Test
    void aNodeRunningNothingTakesOneJobEvenWhenOtherProcessesKeepItsCpuBusy() {
        NodeSnapshot idleButHot = new NodeSnapshot(1.0, 8, 64, List.of());
        assertThat(tuned.pick(idleButHot, eightSecondJob(), NOW)).isEqualTo(new Decision.Take(2));
        NodeSnapshot oneRunning = new NodeSnapshot(1.0, 8, 64, List.of(new RunningTask(10_000, 1_000)));
        assertThat(tuned.pick(oneRunning, eightSecondJob(), NOW)).isInstanceOf(Decision.Wait.class);
    }

    @Test
    void aBatchIsAsManyAsThePolicyWouldTakeOneAfterAnother() {
        NodeSnapshot idle = new NodeSnapshot(0.1, 4, 256, List.of());
        QueueSnapshot deep = heads(new ClassQueue(0, 100, NOW - 10, 500));
        assertThat(tuned.pick(idle, deep, NOW)).isEqualTo(new Decision.Take(0));
        // the meter saw no task: each new one counts as a busy core on top of the 0.4 it shows; 0.4 + 3 < 3.8
        assertThat(tuned.batch(idle, deep, 0, 16, NOW)).as("one per idle core").isEqualTo(4);
        assertThat(tuned.batch(idle, deep, 0, 3, NOW)).as("capped by max").isEqualTo(3);
        QueueSnapshot shallow = heads(new ClassQueue(0, 2, NOW - 10, 500));
        assertThat(tuned.batch(idle, shallow, 0, 16, NOW)).as("no more than queued").isEqualTo(2);
        // tasks of a downstream-bound node use a quarter core each: 4 run on 1 core, 12 more fill the other 3
        NodeSnapshot blocked = new NodeSnapshot(0.25, 4, 256, Collections.nCopies(4, new RunningTask(500, 400)), 1.0, 4);
        assertThat(tuned.batch(blocked, deep, 0, 100, NOW)).isEqualTo(12);
    }
}
