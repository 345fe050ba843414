package io.costq.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Background load at normal priority: {@code spin} threads that burn CPU, and/or {@code alloc} threads that churn a
 * live set of about 60% of the heap (small objects replaced at random, so the old generation keeps being marked
 * and collected).
 */
final class Load implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    private volatile Object[] live;
    static volatile long sink;

    static Load start(int spinThreads, int allocThreads, long seed) {
        Load load = new Load();
        if (allocThreads > 0) {
            long budget = (long) (Runtime.getRuntime().maxMemory() * 0.6);
            load.live = new Object[(int) Math.min(Integer.MAX_VALUE - 8, budget / 1_100)]; // ~1 KB per slot on average
        }
        for (int i = 0; i < spinThreads; i++) load.add("spin-" + i, load::spin);
        for (int i = 0; i < allocThreads; i++) {
            SplittableRandom rnd = new SplittableRandom(seed + i);
            load.add("alloc-" + i, () -> load.churn(rnd));
        }
        return load;
    }

    private void add(String name, Runnable r) {
        Thread t = new Thread(r, "load-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void spin() {
        long x = 1;
        while (!stop) {
            for (int i = 0; i < 1_000_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
            sink = x;
        }
    }

    private void churn(SplittableRandom rnd) {
        Object[] slots = live;
        while (!stop) {
            for (int i = 0; i < 10_000; i++) slots[rnd.nextInt(slots.length)] = new byte[64 + rnd.nextInt(1_900)];
            Object garbage = new long[rnd.nextInt(4_096)]; // short-lived too
            sink += garbage.hashCode();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) t.join(5_000);
        live = null;
    }
}
