package io.costq.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.costq.core.ClusterSettings;
import io.costq.core.Ids;
import io.costq.core.redis.Keys;
import io.costq.core.redis.SubmitJobs;
import io.costq.core.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The coalescer alone, on the run's real redis-server: which submits share a batch, and that each caller gets its
 * own answer or its own error. A gate in the first batch's history step holds it in flight while the test queues
 * more, so batch membership is decided by order, not by timing.
 */
class SubmitCoalescerTest {
    private final RedissonClient redis = TestRedis.client();
    private final Keys keys = new Keys(TestRedis.freshPrefix(), 0);
    private final SubmitJobs script = new SubmitJobs(redis, keys, 100);

    @BeforeEach
    void loadScript() {
        script.ensureLoaded(); // another test may have flushed Redis's script cache
    }

    /** Builds jobs directly (class 1, 2 s), counts store pipelines, and can hold the first batch at a latch. */
    private final class Steps implements SubmitCoalescer.Steps<SubmitJobs.Input> {
        final CountDownLatch firstBatchMayGo = new CountDownLatch(1);
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        final AtomicInteger historySteps = new AtomicInteger();
        final AtomicInteger storePipelines = new AtomicInteger();
        final Ids ids = new Ids();

        @Override
        public String historyKey(String user) {
            return keys.history(user);
        }

        @Override
        public int historyWindow() {
            if (historySteps.getAndIncrement() == 0) {
                firstBatchStarted.countDown();
                await(firstBatchMayGo);
            }
            return 10;
        }

        @Override
        public SubmitJobs.Input prepare(SubmitCoalescer.Request r, List<Long> history) {
            if (r.request().user().equals("boom")) throw new IllegalStateException("cannot prepare boom");
            long now = System.currentTimeMillis();
            return new SubmitJobs.Input(ids.next(now), r.request().user(), r.request().type(), r.payload(), 1,
                    2_000 + history.size(), now, 3, 60_000, r.request().idempotencyKey(), 60_000, null, r.owner(), false,
                    r.willWait(), SubmitJobs.Delivery.NONE);
        }

        @Override
        public SubmitJobs.Input input(SubmitJobs.Input prepared) {
            return prepared;
        }

        @Override
        public SubmitJobs script(SubmitJobs.Input prepared) {
            return script;
        }

        @Override
        public ClusterSettings cluster() {
            storePipelines.incrementAndGet();
            return ClusterSettings.SINGLE;
        }

        @Override
        public CompletableFuture<Submitted> answer(SubmitJobs.Input p, SubmitJobs.Outcome o) {
            return CompletableFuture.completedFuture(new Submitted(o.id(), p.costClass(), p.estimateMs(),
                    o.code() == SubmitJobs.Code.DUPLICATE));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SubmitCoalescer.Request request(String user, String idempotencyKey) {
        return new SubmitCoalescer.Request(new SubmitRequest(user, "noop", null, idempotencyKey, null, null, null), "{}",
                "owner-" + user, false);
    }

    /** Submits one request from another thread and waits until its batch is held at the gate. */
    private CompletableFuture<Submitted> holdFirstBatch(SubmitCoalescer<SubmitJobs.Input> c, Steps steps) {
        CompletableFuture<CompletableFuture<Submitted>> first = CompletableFuture.supplyAsync(() -> c.submit(request("first", null)));
        await(steps.firstBatchStarted);
        return first.thenCompose(f -> f);
    }

    @Test
    void submitsArrivingWhileABatchIsInFlightGoTogetherAsTheNextBatchInArrivalOrder() {
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps);
        List<CompletableFuture<Submitted>> next = new ArrayList<>();
        for (int i = 0; i < 20; i++) next.add(c.submit(request("u" + (i % 3), null)));
        steps.firstBatchMayGo.countDown();

        assertThat(first.join().id()).isNotBlank();
        List<String> ids = next.stream().map(f -> f.join().id()).toList();
        assertThat(steps.historySteps.get()).isEqualTo(2); // the held one, then all 20 in one batch
        assertThat(steps.storePipelines.get()).isEqualTo(2);
        assertThat(ids).doesNotHaveDuplicates().isSorted(); // ids are prepared in arrival order
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> job = redis.<String, String>getMap(keys.job(ids.get(i)), StringCodec.INSTANCE).readAllMap();
            assertThat(job).containsEntry("user", "u" + (i % 3)).containsEntry("owner", "owner-u" + (i % 3));
        }
        // queued in arrival order (same ms scores tie-break by id, which grow in arrival order)
        assertThat(redis.getScoredSortedSet(keys.queue(1), StringCodec.INSTANCE).readAll()).containsAll(ids);
    }

    @Test
    void aFailingScriptCallAnswersOnlyItsOwnCaller() {
        // the idempotency key of one submit holds a hash: its script's GET fails with WRONGTYPE, in the same batch
        redis.getMap(keys.idempotency("broken"), StringCodec.INSTANCE).put("not", "a string");
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps);
        CompletableFuture<Submitted> before = c.submit(request("a", null));
        CompletableFuture<Submitted> broken = c.submit(request("b", "broken"));
        CompletableFuture<Submitted> after = c.submit(request("c", null));
        steps.firstBatchMayGo.countDown();

        first.join();
        assertThat(before.join().duplicate()).isFalse();
        assertThat(after.join().duplicate()).isFalse();
        Throwable e = catchThrowable(broken::join);
        assertThat(e).hasRootCauseInstanceOf(RedisException.class);
        assertThat(e.getCause()).isInstanceOf(RedisException.class).hasMessageContaining("WRONGTYPE");
        assertThat(steps.storePipelines.get()).isEqualTo(2);
    }

    @Test
    void aFailingHistoryReadAnswersOnlyThatUsersCallers() {
        redis.getBucket(keys.history("strange"), StringCodec.INSTANCE).set("not a list");
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps);
        CompletableFuture<Submitted> ok = c.submit(request("fine", null));
        CompletableFuture<Submitted> bad1 = c.submit(request("strange", null));
        CompletableFuture<Submitted> bad2 = c.submit(request("strange", null));
        steps.firstBatchMayGo.countDown();

        first.join();
        assertThat(ok.join().id()).isNotBlank();
        assertThat(catchThrowable(bad1::join).getCause()).hasMessageContaining("WRONGTYPE");
        assertThat(catchThrowable(bad2::join).getCause()).hasMessageContaining("WRONGTYPE");
    }

    @Test
    void aSubmitThatCannotBePreparedFailsAloneAndLaterBatchesStillRun() {
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps);
        CompletableFuture<Submitted> boom = c.submit(request("boom", null));
        CompletableFuture<Submitted> fine = c.submit(request("fine", null));
        steps.firstBatchMayGo.countDown();

        first.join();
        assertThat(fine.join().id()).isNotBlank();
        assertThat(catchThrowable(boom::join)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(c.submit(request("later", null)).join().id()).isNotBlank();
    }

    @Test
    void anIdempotentRepeatInTheSameBatchReturnsTheFirstJob() {
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps);
        CompletableFuture<Submitted> one = c.submit(request("a", "k1"));
        CompletableFuture<Submitted> two = c.submit(request("a", "k1"));
        steps.firstBatchMayGo.countDown();

        first.join();
        assertThat(one.join().duplicate()).isFalse();
        assertThat(two.join().duplicate()).isTrue();
        assertThat(two.join().id()).isEqualTo(one.join().id());
    }

    @Test
    void aScriptMissingFromRedisIsLoadedAndTheRefusedSubmitsSentOnceMore() {
        redis.getScript().scriptFlush(); // as after a restart: the next EVALSHA answers NOSCRIPT
        Steps steps = new Steps();
        steps.firstBatchMayGo.countDown();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        Submitted s = c.submit(request("a", null)).join();
        assertThat(redis.getMap(keys.job(s.id()), StringCodec.INSTANCE).isExists()).isTrue();
        assertThat(steps.storePipelines.get()).isEqualTo(2); // refused once, then stored
    }

    @Test
    void manyThreadsSubmittingAtOnceEachGetTheirOwnJob() throws Exception {
        Steps steps = new Steps();
        steps.firstBatchMayGo.countDown();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        int threads = 16;
        int each = 50;
        List<Thread> workers = new ArrayList<>();
        List<List<CompletableFuture<Submitted>>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<CompletableFuture<Submitted>> mine = new ArrayList<>();
            answers.add(mine);
            String user = "t" + t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < each; i++) mine.add(c.submit(request(user, user + "-" + i)));
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) w.join();
        List<String> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                Submitted s = answers.get(t).get(i).join();
                all.add(s.id());
                // the answer is this submit's own job: its idempotency key points at it
                assertThat(redis.getBucket(keys.idempotency("t" + t + "-" + i), StringCodec.INSTANCE).get()).isEqualTo(s.id());
            }
        }
        assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(steps.storePipelines.get()).isLessThanOrEqualTo(threads * each);
    }

    @Test
    void submitsBeyondTheWaitingCapAreRefusedAtOnceAndTheWaitingOnesStillGo() {
        Steps steps = new Steps();
        SubmitCoalescer<SubmitJobs.Input> c = new SubmitCoalescer<>(redis, steps, 1);
        CompletableFuture<Submitted> first = holdFirstBatch(c, steps); // Redis "slow": nothing leaves the queue
        List<CompletableFuture<Submitted>> waiting = new ArrayList<>();
        for (int i = 0; i < SubmitCoalescer.MAX_WAITING; i++) waiting.add(c.submit(request("u" + (i % 5), null)));
        CompletableFuture<Submitted> refused = c.submit(request("late", null));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(org.redisson.client.RedisTimeoutException.class);
        steps.firstBatchMayGo.countDown();
        assertThat(first.join().id()).isNotBlank();
        assertThat(waiting.stream().map(f -> f.join().id()).distinct().count()).isEqualTo(SubmitCoalescer.MAX_WAITING);
        assertThat(c.submit(request("after", null)).join().id()).isNotBlank(); // room again
    }
}
