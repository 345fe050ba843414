package io.costq.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.costq.core.ClusterSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.store.NotReplicatedException;
import io.costq.core.testing.SteppedRedisTest;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** {@link CostqClient#submitAsync} stores what {@link CostqClient#submit} stores and fails the way it does. */
class SubmitAsyncTest extends SteppedRedisTest {

    private Map<String, String> stored(String id) {
        return redis.<String, String>getMap(keys.job(id), StringCodec.INSTANCE).readAllMap();
    }

    @Test
    void storesTheSameJobAsABlockingSubmit() {
        Submitted sync = client.submit(SubmitRequest.of("u", "noop", null), "key-a", true);
        Submitted async = client.submitAsync(SubmitRequest.of("u", "noop", null), "key-a", true).join();
        assertThat(async.costClass()).isEqualTo(sync.costClass());
        assertThat(async.estimateMs()).isEqualTo(sync.estimateMs());
        assertThat(async.duplicate()).isFalse();
        Map<String, String> a = stored(async.id());
        Map<String, String> s = stored(sync.id());
        for (String field : new String[] {"user", "type", "status", "class", "est", "owner", "awaited", "maxAttempts", "timeoutMs"}) {
            assertThat(a.get(field)).as(field).isEqualTo(s.get(field)).isNotNull();
        }
    }

    @Test
    void invalidInputThrowsAtOnceNamingTheField() {
        Throwable e = catchThrowable(() -> client.submitAsync(SubmitRequest.of("u", "no-such-type", null), null, false));
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) e).field()).isEqualTo("type");
    }

    @Test
    void anIdempotentRepeatAnswersWithTheFirstJob() {
        SubmitRequest r = new SubmitRequest("u", "noop", null, "once", null, null, null);
        Submitted first = client.submitAsync(r, null, false).join();
        Submitted again = client.submitAsync(r, null, false).join();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.costClass()).isEqualTo(first.costClass());
    }

    @Test
    void withReplicasRequiredThatNeverConfirmEverySubmitFailsAsNotReplicated() {
        use(settings.withCluster(new ClusterSettings(1, 1, 50))); // a lone redis-server has no replica
        Throwable e = catchThrowable(() -> client.submitAsync(SubmitRequest.of("u", "noop", null), null, false).join());
        assertThat(e).isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotReplicatedException.class);
    }
}
