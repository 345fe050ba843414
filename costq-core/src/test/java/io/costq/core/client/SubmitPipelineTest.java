package io.costq.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.costq.core.InvalidInputException;
import io.costq.core.testing.SteppedRedisTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** The one submit pipeline, in its bulk shape: histories read once per user, each submit estimated from its own. */
class SubmitPipelineTest extends SteppedRedisTest {

    @Test
    void eachUsersHistoryComesFromItsOwnRunsInABatch() {
        // 'slow' has run 9 s noop jobs: a batch mixing users must estimate each from its own history, read once per user
        var history = redis.<String>getList(keys.history(io.costq.core.store.History.of("slow", "noop", null).subject()), StringCodec.INSTANCE);
        for (int i = 0; i < 10; i++) history.add("9000");
        List<Submitted> jobs = client.submitAll(List.of(SubmitRequest.of("slow", "noop", null),
                SubmitRequest.of("new", "noop", null), SubmitRequest.of("slow", "noop", null)));

        assertThat(jobs.get(0).estimateMs()).isEqualTo(9000);
        assertThat(jobs.get(2).estimateMs()).isEqualTo(9000);
        assertThat(jobs.get(1).estimateMs()).isNotEqualTo(9000);
        assertThat(jobs.get(0).costClass()).isEqualTo(2);
    }

    @Test
    void oneInvalidRequestRejectsTheWholeBulkBeforeAnythingIsStored() {
        Throwable e = catchThrowable(() -> client.submitAll(List.of(SubmitRequest.of("u", "noop", null),
                SubmitRequest.of("u", "no-such-type", null))));
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) e).field()).isEqualTo("[1].type");
        assertThat(client.queues().stream().mapToLong(QueueView::depth).sum()).isZero();
    }

    @Test
    void aSingleSubmitIsTheSamePipelineAsABatchOfOne() {
        Submitted single = client.submit(SubmitRequest.of("u", "noop", null));
        Submitted bulk = client.submitAll(List.of(SubmitRequest.of("u", "noop", null))).get(0);
        assertThat(single.costClass()).isEqualTo(bulk.costClass());
        assertThat(single.estimateMs()).isEqualTo(bulk.estimateMs());
        assertThat(client.get(single.id())).isPresent();
        assertThat(client.get(bulk.id())).isPresent();
    }
}
