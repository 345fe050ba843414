package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.JobView;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@code deleteJob.lua}: a finished job is deleted with its dead-list and search entries; an unfinished one is not. */
class DeleteJobTest extends StoreTest {

    @Test
    void aDeadJobIsDeletedWithItsDeadListAndIndexEntries() {
        String id = jobs.job().dead();
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.DELETED);
        assertThat(client.get(id)).isEmpty();
        assertThat(client.dead(10)).extracting(JobView::id).doesNotContain(id);
        assertThat(redis.getScoredSortedSet(keys.timeIndex(), StringCodec.INSTANCE).contains(id)).isFalse();
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.NOT_FOUND);
    }

    @Test
    void aQueuedJobIsNotDeleted() {
        String id = jobs.job().queued();
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.NOT_FINISHED);
        assertThat(client.get(id)).isPresent();
    }
}
