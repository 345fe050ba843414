package io.costq.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.costq.core.Ids;
import io.costq.core.testing.SteppedRedisTest;
import io.costq.core.types.JobTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The group commit in front of the submit pipeline, on the run's real redis-server: which submits share a batch,
 * and that each caller gets its own answer or its own error. A gate before the first batch holds it in flight while
 * the test queues more, so batch membership is decided by order, not by timing.
 */
class SubmitCoalescerTest extends SteppedRedisTest {
    private final CountDownLatch firstBatchMayGo = new CountDownLatch(1);
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private final AtomicInteger batches = new AtomicInteger();
    private SubmitPreparer preparer;
    private SubmitCoalescer coalescer;

    @BeforeEach
    void coalescer() {
        preparer = new SubmitPreparer(settings, io.costq.core.types.TypeGate.of(JobTypes.builtIns()), store.partitions(), clock, new Ids(), new AtomicLong());
        SubmitPipeline pipeline = new SubmitPipeline(store, () -> preparer);
        coalescer = new SubmitCoalescer(batch -> {
            if (batches.getAndIncrement() == 0) {
                firstBatchStarted.countDown();
                await(firstBatchMayGo);
            }
            return pipeline.run(batch, false);
        }, 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Submitted> submit(String user, String idempotencyKey) {
        return coalescer.submit(preparer.validate(new SubmitRequest(user, "noop", null, idempotencyKey, null, null, null),
                new Submitter("owner-" + user, null, 0), false));
    }

    /** Submits one request from another thread and waits until its batch is held at the gate. */
    private CompletableFuture<Submitted> holdFirstBatch() {
        CompletableFuture<CompletableFuture<Submitted>> first = CompletableFuture.supplyAsync(() -> submit("first", null));
        await(firstBatchStarted);
        return first.thenCompose(f -> f);
    }

    @Test
    void submitsArrivingWhileABatchIsInFlightGoTogetherAsTheNextBatchInArrivalOrder() {
        CompletableFuture<Submitted> first = holdFirstBatch();
        List<CompletableFuture<Submitted>> next = new ArrayList<>();
        for (int i = 0; i < 20; i++) next.add(submit("u" + (i % 3), null));
        firstBatchMayGo.countDown();

        assertThat(first.join().id()).isNotBlank();
        List<String> ids = next.stream().map(f -> f.join().id()).toList();
        assertThat(batches.get()).isEqualTo(2); // the held one, then all 20 in one batch
        assertThat(ids).doesNotHaveDuplicates().isSorted(); // ids are prepared in arrival order
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> job = redis.<String, String>getMap(keys.job(ids.get(i)), StringCodec.INSTANCE).readAllMap();
            assertThat(job).containsEntry("user", "u" + (i % 3)).containsEntry("owner", "owner-u" + (i % 3));
        }
        // queued in arrival order (same ms scores tie-break by id, which grow in arrival order)
        assertThat(redis.getScoredSortedSet(keys.queue(PRIOR_CLASS, "noop"), StringCodec.INSTANCE).readAll()).containsAll(ids);
    }

    @Test
    void aFailingScriptCallAnswersOnlyItsOwnCaller() {
        // the idempotency key of one submit holds a hash: its script's GET fails with WRONGTYPE, in the same batch
        redis.getMap(keys.idempotency("broken"), StringCodec.INSTANCE).put("not", "a string");
        CompletableFuture<Submitted> first = holdFirstBatch();
        CompletableFuture<Submitted> before = submit("a", null);
        CompletableFuture<Submitted> broken = submit("b", "broken");
        CompletableFuture<Submitted> after = submit("c", null);
        firstBatchMayGo.countDown();

        first.join();
        assertThat(before.join().duplicate()).isFalse();
        assertThat(after.join().duplicate()).isFalse();
        Throwable e = catchThrowable(broken::join);
        assertThat(e).hasRootCauseInstanceOf(RedisException.class);
        assertThat(e.getCause()).isInstanceOf(RedisException.class).hasMessageContaining("WRONGTYPE");
        assertThat(batches.get()).isEqualTo(2);
    }

    @Test
    void aFailingHistoryReadAnswersOnlyThatUsersCallers() {
        redis.getBucket(keys.history(io.costq.core.store.History.of("strange", "noop", null).subject()), StringCodec.INSTANCE).set("not a list");
        CompletableFuture<Submitted> first = holdFirstBatch();
        CompletableFuture<Submitted> ok = submit("fine", null);
        CompletableFuture<Submitted> bad1 = submit("strange", null);
        CompletableFuture<Submitted> bad2 = submit("strange", null);
        firstBatchMayGo.countDown();

        first.join();
        assertThat(ok.join().id()).isNotBlank();
        assertThat(catchThrowable(bad1::join).getCause()).hasMessageContaining("WRONGTYPE");
        assertThat(catchThrowable(bad2::join).getCause()).hasMessageContaining("WRONGTYPE");
    }

    @Test
    void aSubmitThatCannotBePreparedFailsAloneAndLaterBatchesStillRun() {
        redis.getList(keys.history(io.costq.core.store.History.of("boom", "noop", null).subject()), StringCodec.INSTANCE).add("not a duration"); // no estimate from this
        CompletableFuture<Submitted> first = holdFirstBatch();
        CompletableFuture<Submitted> boom = submit("boom", null);
        CompletableFuture<Submitted> fine = submit("fine", null);
        firstBatchMayGo.countDown();

        first.join();
        assertThat(fine.join().id()).isNotBlank();
        assertThat(catchThrowable(boom::join)).hasCauseInstanceOf(NumberFormatException.class);
        assertThat(submit("later", null).join().id()).isNotBlank();
    }

    @Test
    void anIdempotentRepeatInTheSameBatchReturnsTheFirstJob() {
        CompletableFuture<Submitted> first = holdFirstBatch();
        CompletableFuture<Submitted> one = submit("a", "k1");
        CompletableFuture<Submitted> two = submit("a", "k1");
        firstBatchMayGo.countDown();

        first.join();
        assertThat(one.join().duplicate()).isFalse();
        assertThat(two.join().duplicate()).isTrue();
        assertThat(two.join().id()).isEqualTo(one.join().id());
    }

    @Test
    void aScriptMissingFromRedisIsLoadedAndTheRefusedSubmitStored() {
        redis.getScript().scriptFlush(); // as after a restart: the next EVALSHA answers NOSCRIPT
        firstBatchMayGo.countDown();
        Submitted s = submit("a", null).join();
        assertThat(redis.getMap(keys.job(s.id()), StringCodec.INSTANCE).isExists()).isTrue();
        assertThat(batches.get()).isEqualTo(1);
    }

    @Test
    void manyThreadsSubmittingAtOnceEachGetTheirOwnJob() throws Exception {
        firstBatchMayGo.countDown();
        int threads = 16;
        int each = 50;
        List<Thread> workers = new ArrayList<>();
        List<List<CompletableFuture<Submitted>>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<CompletableFuture<Submitted>> mine = new ArrayList<>();
            answers.add(mine);
            String user = "t" + t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < each; i++) mine.add(submit(user, user + "-" + i));
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
        assertThat(batches.get()).isLessThanOrEqualTo(threads * each);
    }

    @Test
    void submitsBeyondTheWaitingCapAreRefusedAtOnceAndTheWaitingOnesStillGo() {
        CompletableFuture<Submitted> first = holdFirstBatch(); // Redis "slow": nothing leaves the queue
        List<CompletableFuture<Submitted>> waiting = new ArrayList<>();
        for (int i = 0; i < SubmitCoalescer.MAX_WAITING; i++) waiting.add(submit("u" + (i % 5), null));
        CompletableFuture<Submitted> refused = submit("late", null);

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(org.redisson.client.RedisTimeoutException.class);
        firstBatchMayGo.countDown();
        assertThat(first.join().id()).isNotBlank();
        assertThat(waiting.stream().map(f -> f.join().id()).distinct().count()).isEqualTo(SubmitCoalescer.MAX_WAITING);
        assertThat(submit("after", null).join().id()).isNotBlank(); // room again
    }
}
