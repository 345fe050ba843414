package io.costq.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.Ids;
import io.costq.core.store.PartitionQueues;
import io.costq.core.store.Partitions;
import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partitioning rule, ids that name their partition, and the merged queue view: pure, no Redis. */
class PartitionsTest {

    @Test
    void withOnePartitionIdsAreUnchangedAndAlwaysPartitionZero() {
        Ids ids = new Ids();
        String id = ids.next(1_700_000_000_000L, 0, 1);
        assertThat(id).hasSize(26);
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(new Partitions("costq", 1).ofId(id)).isZero();
        assertThat(new Partitions("costq", 1).forJob("anyone", "any-key")).isZero();
        assertThat(new Partitions("costq", 1).keys(0).job(id)).isEqualTo("{costq:0}:job:" + id);
    }

    @Test
    void idsNameTheirPartitionAndStayValidUniqueAndOrderedWithinAMillisecond() {
        Ids ids = new Ids();
        Partitions six = new Partitions("costq", 6);
        long now = 1_700_000_000_000L;
        for (int p = 0; p < 6; p++) {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) made.add(ids.next(now, p, 6));
            assertThat(made).allMatch(Ids::isValid).allMatch(id -> six.ofId(id) >= 0);
            assertThat(made.stream().mapToInt(six::ofId).distinct().toArray()).containsExactly(p);
            assertThat(new HashSet<>(made)).hasSize(made.size());
            assertThat(made).isSorted();
        }
        String big = ids.next(now, 1_000, 1_024);
        assertThat(Ids.partitionOf(big, 1_024)).isEqualTo(1_000);
        assertThat(six.ofId(big)).as("an id of another layout names no partition here").isEqualTo(-1);
    }

    @Test
    void aJobFollowsItsOrderingKeyElseItsUserStablyAndSpreads() {
        Partitions p = new Partitions("costq", 6);
        assertThat(p.forJob("alice", "room-1")).isEqualTo(p.forJob("bob", "room-1")).isEqualTo(new Partitions("costq", 6).forJob("x", "room-1"));
        assertThat(p.forJob("alice", null)).isEqualTo(p.forUser("alice"));
        Set<Integer> used = new HashSet<>();
        for (int u = 0; u < 100; u++) used.add(p.forUser("user-" + u));
        assertThat(used).hasSize(6);
        assertThat(p.keys(4).running()).isEqualTo("{costq:4}:running");
        assertThat(p.keys(4).wakeChannel()).as("channels are scheduler-wide").isEqualTo(p.global().wakeChannel());
    }

    @Test
    void theMergedViewSumsDepthsAndKeepsTheOldestHeadWhoseOwnerIsClaimedFrom() {
        QueueSnapshot a = new QueueSnapshot(List.of(new ClassQueue(0, 3, 500, 100), ClassQueue.empty(1)));
        QueueSnapshot b = new QueueSnapshot(List.of(new ClassQueue(0, 2, 200, 900), new ClassQueue(1, 1, 700, 5_000)));
        List<QueueSnapshot> both = new ArrayList<>(List.of(a, b));
        both.add(null); // a partition not readable right now
        QueueSnapshot merged = PartitionQueues.merge(both, 2);
        assertThat(merged.classes().get(0)).isEqualTo(new ClassQueue(0, 5, 200, 900));
        assertThat(merged.classes().get(1)).isEqualTo(new ClassQueue(1, 1, 700, 5_000));
        assertThat(PartitionQueues.oldestHead(both, 0)).isEqualTo(1);
        assertThat(PartitionQueues.oldestHead(both, 1)).isEqualTo(1);
        assertThat(PartitionQueues.oldestHead(List.of(a), 1)).isEqualTo(-1);
    }
}
