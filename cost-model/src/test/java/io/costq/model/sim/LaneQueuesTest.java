package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.model.ClassQueue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneQueuesTest {
    private static final long OFFSET = 30_000;
    private long nextId;

    private SimJob job(long arrivalMs, Lane lane) {
        SimJob j = new SimJob(nextId++, new TraceJob(arrivalMs, 1, 1_000, lane));
        j.costClass = 0;
        j.estimateMs = 1_000;
        return j;
    }

    @Test
    void aBatchJobGoesAfterInteractiveJobsQueuedWithinItsOffsetAndBeforeLaterOnes() {
        FifoClassQueues queues = new FifoClassQueues(1, OFFSET);
        SimJob export = job(0, Lane.BATCH);
        SimJob soon = job(10_000, Lane.INTERACTIVE);
        SimJob atTheOffset = job(30_000, Lane.INTERACTIVE);
        SimJob later = job(31_000, Lane.INTERACTIVE);
        for (SimJob j : List.of(export, soon, atTheOffset, later)) queues.add(j);
        // the head reports its score, queued-at + offset: the policy reads a score in the future as batch work
        assertThat(queues.snapshot().classes().get(0)).isEqualTo(new ClassQueue(0, 4, 10_000, 1_000));
        assertThat(queues.poll(0, 40_000)).isSameAs(soon);
        assertThat(queues.snapshot().classes().get(0).headQueuedAtMs()).as("score 30 000, arrived first").isEqualTo(30_000);
        assertThat(queues.poll(0, 40_000)).as("equal scores: the earlier arrival").isSameAs(export);
        assertThat(queues.poll(0, 40_000)).isSameAs(atTheOffset);
        assertThat(queues.poll(0, 40_000)).isSameAs(later);
        assertThat(queues.isEmpty()).isTrue();
    }

    @Test
    void aFloodJoinsTheLoginsWithoutChangingThem(@TempDir Path dir) {
        List<TraceJob> logins = new TraceGenerator(TraceSpec.defaults(2_000, 0.5).withSeed(3)).generate();
        BatchFlood flood = new BatchFlood(1_000, 10_000, 500, 3_000);
        List<TraceJob> all = flood.mergeInto(logins, 3);
        assertThat(all).hasSize(2_500);
        assertThat(all.stream().filter(j -> !j.batch()).toList()).isEqualTo(logins);
        assertThat(all.stream().filter(TraceJob::batch).mapToLong(TraceJob::arrivalMs).max().orElseThrow()).isLessThan(11_000);
        assertThat(flood.mergeInto(logins, 3)).as("its own seeded stream").isEqualTo(all);
        Path file = dir.resolve("flood.csv");
        TraceIo.write(all, file);
        assertThat(TraceIo.read(file).stream().filter(TraceJob::batch).count()).as("the lane column round-trips").isEqualTo(500);
    }

    @Test
    void batchWorkIsKeptOutOfTheLoginsFiguresAndEveryBatchJobFinishes() {
        Scenario busy = Scenarios.named("busy");
        ClusterConfig small = new ClusterConfig(2, 4, new double[] {1, 0.7}, 0.05, 0.3, 0, 256);
        List<TraceJob> logins = new TraceGenerator(TraceSpec.defaults(3_000, 0.6).withIoFrac(0.3)
                .withCluster(2, 4, new double[] {1, 0.7}).withSeed(5)).generate();
        List<TraceJob> withExport = new BatchFlood(60_000, 5_000, 300, 3_000).mergeInto(logins, 5);
        Simulator sim = new Simulator(small, 0);
        SimResult alone = sim.run(logins, "costq", SettingsOverrides.none());
        SimResult flooded = sim.run(withExport, "costq", SettingsOverrides.none());
        assertThat(flooded.jobs()).isEqualTo(alone.jobs());
        assertThat(flooded.batch().finished()).isEqualTo(300);
        assertThat(alone.batch()).isEqualTo(BatchOutcome.NONE);
        assertThat(busy.flood()).isNull();
        assertThat(Scenarios.named("busy-batch").flood().jobs()).isEqualTo(4_000);
    }
}
