package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.Submitted;
import io.costq.core.worker.WorkerEngine;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RedissonClient;

/**
 * Open-loop latency through the Java client with one worker running: each job is submitted singly at its
 * scheduled time, then awaited with {@code awaitTerminal} (what {@code ?waitMs} does). Measured from the scheduled
 * time: submit returned, job claimed by the worker (start), and result visible to the caller.
 */
final class JavaLatency {
    private final RedissonClient redis;
    private final RedisProbe probe;
    private final BenchOptions options;

    JavaLatency(RedissonClient redis, RedisProbe probe, BenchOptions options) {
        this.redis = redis;
        this.probe = probe;
        this.options = options;
    }

    void run(int rate, int seconds, Results r) throws InterruptedException {
        CostqSettings settings = Costq.settings(Costq.freshPrefix("lat"), options.maxTasks());
        Completions done = new Completions(true);
        Samples submit = new Samples();
        Samples start = new Samples();
        Samples visible = new Samples();
        AtomicLong errors = new AtomicLong();
        ExecutorService callers = Executors.newFixedThreadPool(64); // submit() blocks for its round trips
        ExecutorService awaiters = Executors.newFixedThreadPool(512); // awaitTerminal blocks until the done event
        try (CostqClient client = Costq.client(redis, settings)) {
            WorkerEngine worker = Costq.worker(redis, settings, options.maxTasks(), done);
            worker.start();
            long t0 = System.nanoTime();
            int n = OpenLoop.run(rate, seconds, due -> callers.execute(() -> {
                try {
                    Submitted s = client.submit(Costq.noop((int) (due & 0xffff)));
                    submit.add(System.nanoTime() - due);
                    awaiters.execute(() -> awaitResult(client, s, due, done, start, visible, errors));
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
            }));
            long tFired = System.nanoTime();
            callers.shutdown();
            callers.awaitTermination(30, TimeUnit.SECONDS);
            awaiters.shutdown();
            awaiters.awaitTermination(30, TimeUnit.SECONDS);
            worker.close();
            String p = "lat_" + rate + "_";
            r.put(p + "offered_per_s", rate);
            r.put(p + "achieved_per_s", JavaThroughput.rate(n, tFired - t0));
            r.put(p + "jobs", n);
            r.put(p + "errors", errors.get());
            submit.report(r, p + "submit_", 50, 99);
            start.report(r, p + "start_", 50, 95, 99);
            visible.report(r, p + "visible_", 50, 95, 99);
        } finally {
            callers.shutdownNow();
            awaiters.shutdownNow();
        }
        probe.flushAll();
    }

    private static void awaitResult(CostqClient client, Submitted s, long due, Completions done, Samples start,
                                    Samples visible, AtomicLong errors) {
        try {
            Optional<JobView> job = client.awaitTerminal(s.id(), 10_000);
            long seen = System.nanoTime();
            if (job.isEmpty() || !job.get().status().isTerminal()) {
                errors.incrementAndGet();
                return;
            }
            visible.add(seen - due);
            Long claimed = done.claimedAt.get(s.id());
            if (claimed != null) start.add(claimed - due);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }
}
