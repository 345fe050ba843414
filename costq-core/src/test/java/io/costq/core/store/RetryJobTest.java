package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@code retryJob.lua}: DEAD or FAILED -> QUEUED with a fresh set of attempts (an operator's retry). */
class RetryJobTest extends StoreTest {

    @Test
    void anOperatorRetryGivesADeadJobFreshAttempts() {
        String id = jobs.job().dead();
        assertThat(client.dead(10)).extracting(JobView::id).containsExactly(id);
        assertThat(client.retry(id)).isEqualTo(RetryJob.Outcome.QUEUED);
        JobView queued = client.get(id).orElseThrow();
        assertThat(queued.status()).isEqualTo(JobState.QUEUED);
        assertThat(queued.attempts()).isZero();
        assertThat(queued.error()).isEqualTo("boom");
        assertThat(client.dead(10)).isEmpty();
        assertThat(client.retry(id)).isEqualTo(RetryJob.Outcome.NOT_RETRYABLE);
        assertThat(jobs.claim("n1")).extracting(ClaimedJob::attempt).containsExactly(1);
        assertThat(client.retry("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(RetryJob.Outcome.NOT_FOUND);
    }

    @Test
    void aFailedJobCanBeRetriedToo() {
        String id = jobs.job().dead();
        redis.getMap(keys.job(id), StringCodec.INSTANCE).put("status", "FAILED");
        assertThat(client.retry(id)).isEqualTo(RetryJob.Outcome.QUEUED);
        assertThat(client.get(id).orElseThrow().status()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void anOperatorRetryClearsAStaleCancelRequest() {
        String id = jobs.job().dead();
        redis.getMap(keys.job(id), StringCodec.INSTANCE).put("cancelRequested", "1");
        assertThat(client.retry(id)).isEqualTo(RetryJob.Outcome.QUEUED);
        assertThat(client.get(id).orElseThrow().cancelRequested()).isFalse();
    }
}
