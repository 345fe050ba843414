package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.JobView;
import org.junit.jupiter.api.Test;

/** {@code deleteJob.lua}: a finished job is deleted with its dead-list entry (search skips it); an unfinished one is not. */
class DeleteJobTest extends StoreTest {

    @Test
    void aDeadJobIsDeletedWithItsDeadListEntryAndSearchNoLongerFindsIt() {
        String id = jobs.job().dead();
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.DELETED);
        assertThat(client.get(id)).isEmpty();
        assertThat(client.dead(10)).extracting(JobView::id).doesNotContain(id);
        assertThat(client.search(io.costq.core.job.JobFilter.ANY, null, 10).jobs()).extracting(JobView::id).doesNotContain(id);
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.NOT_FOUND);
    }

    @Test
    void aQueuedJobIsNotDeleted() {
        String id = jobs.job().queued();
        assertThat(client.delete(id)).isEqualTo(DeleteJob.Outcome.NOT_FINISHED);
        assertThat(client.get(id)).isPresent();
    }
}
