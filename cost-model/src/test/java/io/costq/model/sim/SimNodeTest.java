package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimNodeTest {
    private static ClusterConfig config(int cores, double speed, double thrash, double ioFrac) {
        return new ClusterConfig(1, cores, new double[] {speed}, thrash, ioFrac, 0, 256);
    }

    private static SimJob job(long id, long cost) {
        return new SimJob(id, new TraceJob(0, 0, cost));
    }

    @Test
    void twoTasksOnOneCoreShareIt() {
        SimNode node = new SimNode(0, config(1, 1, 0, 0));
        node.start(job(1, 1_000), 0);
        node.start(job(2, 3_000), 0);
        // both at 1/2 until the short one is done at 2000 ms; then the long one alone: 2000 ms of work left
        assertThat(node.nextTransitionMs()).isCloseTo(2_000, within(1e-9));
        assertThat(node.completeDue(2_000)).extracting(j -> j.id).containsExactly(1L);
        assertThat(node.nextTransitionMs()).isCloseTo(4_000, within(1e-9));
        assertThat(node.completeDue(4_000)).extracting(j -> j.id).containsExactly(2L);
        assertThat(node.running()).isZero();
    }

    @Test
    void aBlockedTaskUsesNoCpuAndIsNotSlowedBySpeedOrLoad() {
        SimNode node = new SimNode(0, config(1, 0.5, 0, 0.5));
        node.start(job(1, 4_000), 0); // CPU 1000 at speed 0.5 = 2000 ms, wait 2000 ms, CPU 1000 = 2000 ms
        assertThat(node.cpu()).isEqualTo(1.0);
        assertThat(node.completeDue(node.nextTransitionMs())).isEmpty();
        assertThat(node.cpuTasks()).isZero();
        assertThat(node.cpu()).isZero();
        assertThat(node.running()).isEqualTo(1);
        assertThat(node.nextTransitionMs()).isCloseTo(4_000, within(1e-9));
        node.completeDue(4_000);
        assertThat(node.nextTransitionMs()).isCloseTo(6_000, within(1e-9));
        List<SimJob> done = node.completeDue(6_000);
        assertThat(done).hasSize(1);
    }
}
