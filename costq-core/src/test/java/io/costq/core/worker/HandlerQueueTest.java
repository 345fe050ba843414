package io.costq.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costq.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler threads' queue: runs behind a blocking one still get threads of their own; nothing is lost. */
class HandlerQueueTest {
    private static final int THREADS = 8;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new HandlerQueue(),
            Threads.named("handler-queue-test", Thread.NORM_PRIORITY));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    /** All threads started and parked in the queue, as in a node that has run a few claims. */
    private void warm() {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < THREADS; i++) pool.execute(ran::incrementAndGet);
        Await.until("the warm-up runs", Duration.ofSeconds(10), () -> ran.get() == THREADS);
        Await.until("every thread parked", Duration.ofSeconds(10), () -> pool.getActiveCount() == 0);
    }

    private Runnable blocking(AtomicInteger started) {
        return () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void runsQueuedBehindBlockingRunsEachGetAThread() {
        warm();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < THREADS; i++) pool.execute(blocking(started)); // handed over together, as a claim's runs
        Await.until("every blocking run started on its own thread", Duration.ofSeconds(10), () -> started.get() == THREADS);
    }

    @Test
    void aRunHandedOverWhileOthersBlockStarts() {
        warm();
        AtomicInteger started = new AtomicInteger();
        pool.execute(blocking(started));
        Await.until("the first blocking run", Duration.ofSeconds(10), () -> started.get() == 1);
        pool.execute(blocking(started)); // a later claim while the first run blocks
        Await.until("the later run started beside the blocking one", Duration.ofSeconds(10), () -> started.get() == 2);
    }

    @Test
    void manyShortRunsAllRun() {
        warm();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) pool.execute(ran::incrementAndGet);
        Await.until("every short run", Duration.ofSeconds(30), () -> ran.get() == 10_000);
    }

    @Test
    void shutdownNowInterruptsRunsAndReturnsTheQueuedOnes() {
        warm();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < THREADS; i++) pool.execute(blocking(started));
        Await.until("every thread busy", Duration.ofSeconds(10), () -> started.get() == THREADS);
        pool.execute(() -> { });
        pool.execute(() -> { });
        List<Runnable> left = pool.shutdownNow();
        assertEquals(2, left.size());
        Await.until("the pool stopped", Duration.ofSeconds(10), pool::isTerminated);
        assertTrue(pool.isShutdown());
    }
}
