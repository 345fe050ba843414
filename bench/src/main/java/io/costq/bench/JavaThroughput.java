package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.worker.WorkerEngine;
import org.redisson.api.RedissonClient;

/**
 * Throughput through the Java client: bulk submits ({@code submitAll}) while one worker drains (the headline
 * figures, defined as in the BullMQ bench), then the pure variant: enqueue everything, then start the worker.
 */
final class JavaThroughput {
    private final RedissonClient redis;
    private final RedisProbe probe;
    private final BenchOptions options;

    JavaThroughput(RedissonClient redis, RedisProbe probe, BenchOptions options) {
        this.redis = redis;
        this.probe = probe;
        this.options = options;
    }

    /** Loads the scripts and warms the JIT; not measured. */
    void warmUp(int jobs) throws InterruptedException {
        concurrent(jobs, null); // which flushes Redis at its end, as every phase
    }

    /**
     * Warm-up rounds of {@code jobs} until the JIT compiler is mostly done: until a round during which the
     * compiler threads worked less than 10 % of the round's time (at least 3 rounds, at most 30). Returns the jobs
     * run. On this 2-core box C2 keeps compiling for 100,000-200,000 jobs (at first for longer than the round
     * itself: two compiler threads), and a phase measured meanwhile times the compiler, whose CPU is part of the
     * process's, as much as costq. A little compiling goes on long after (2-15 % of a round).
     */
    int warmUpUntilSteady(int jobs) throws InterruptedException {
        int rounds = 0;
        while (rounds < 30) {
            Results round = new Results();
            concurrent(jobs, round, "warmup");
            // the round's own figures: compiler time and wall time from worker start to last completion
            double jitMs = round.number("client_jit_ms");
            double wallMs = jobs * 1_000 / round.number("e2e_per_s");
            rounds++;
            BenchMain.log(String.format("  warm-up round %d: %,.0f jobs/s, JIT compiling %.0f ms of %.0f ms", rounds,
                    round.number("e2e_per_s"), jitMs, wallMs));
            if (rounds >= 3 && jitMs < 0.10 * wallMs) break;
        }
        return rounds * jobs;
    }

    /** Worker running while the producer submits; figures go to r when it is not null. */
    void concurrent(int jobs, Results r) throws InterruptedException {
        concurrent(jobs, r, r == null ? "warmup" : "concurrent");
    }

    /**
     * @param phase the label of the Redis readings (and of {@code BENCH_SNAPSHOT_HOOK}): "concurrent" only for the
     *              measured phase, so that bench/redis-instructions.sh never counts a warm-up round as that phase
     */
    private void concurrent(int jobs, Results r, String phase) throws InterruptedException {
        CostqSettings settings = Costq.settings(Costq.freshPrefix("java"), options.maxTasks());
        Completions done = new Completions(false);
        try (CostqClient client = Costq.client(redis, settings)) {
            RedisStats before = probe.stats(phase + "-start");
            long cpu0 = BenchSupport.processCpuNanos();
            long jit0 = BenchSupport.jitMillis();
            long tStart = System.nanoTime();
            WorkerEngine worker = Costq.worker(redis, settings, options.maxTasks(), done);
            worker.start();
            long tFirst = System.nanoTime();
            submitAll(client, jobs);
            long tEnqueued = System.nanoTime();
            boolean finished = done.await(jobs, 120_000);
            long tLast = done.lastNanos();
            long cpu1 = BenchSupport.processCpuNanos();
            long jit1 = BenchSupport.jitMillis();
            RedisStats cost = probe.stats(phase + "-end").since(before);
            worker.close();
            if (!finished) throw new IllegalStateException("only " + done.done() + " of " + jobs + " jobs finished in 120 s");
            if (r == null) return;
            r.put("enqueue_per_s", rate(jobs, tEnqueued - tFirst));
            r.put("drain_per_s", rate(jobs, tLast - tFirst));
            r.put("e2e_per_s", rate(jobs, tLast - tStart));
            r.put("enqueue_ms", (tEnqueued - tFirst) / 1_000_000);
            r.put("drain_ms", (tLast - tFirst) / 1_000_000);
            r.put("failed", done.failed());
            // the bench JVM: producer and worker together, as BullMQ's one Node process (its client CPU figure)
            r.put("client_cpu_us_per_job", Results.round((cpu1 - cpu0) / 1_000.0 / jobs, 1));
            // the JIT compiler threads' time in the phase (CompilationMXBean: elapsed time, an upper bound of their CPU)
            r.put("client_jit_ms", jit1 - jit0);
            cost.report(r, "", jobs);
        }
        probe.flushAll();
    }

    /** Enqueue all with no worker, then start the worker and drain. */
    void pure(int jobs, Results r) throws InterruptedException {
        CostqSettings settings = Costq.settings(Costq.freshPrefix("pure"), options.maxTasks());
        Completions done = new Completions(false);
        try (CostqClient client = Costq.client(redis, settings)) {
            RedisStats before = probe.stats("pure-start");
            long t0 = System.nanoTime();
            submitAll(client, jobs);
            long tEnqueued = System.nanoTime();
            RedisStats enqueued = probe.stats("pure-enqueued");
            long tWorker = System.nanoTime();
            WorkerEngine worker = Costq.worker(redis, settings, options.maxTasks(), done);
            worker.start();
            boolean finished = done.await(jobs, 120_000);
            long tLast = done.lastNanos();
            RedisStats drained = probe.stats("pure-drained");
            worker.close();
            if (!finished) throw new IllegalStateException("only " + done.done() + " of " + jobs + " jobs finished in 120 s");
            r.put("pure_enqueue_per_s", rate(jobs, tEnqueued - t0));
            r.put("pure_drain_per_s", rate(jobs, tLast - tWorker));
            enqueued.since(before).report(r, "pure_enqueue_", jobs);
            drained.since(enqueued).report(r, "pure_drain_", jobs);
        }
        probe.flushAll();
    }

    private void submitAll(CostqClient client, int jobs) {
        for (int i = 0; i < jobs; i += options.batch()) {
            client.submitAll(Costq.noops(i, Math.min(options.batch(), jobs - i)));
        }
    }

    static double rate(long jobs, long nanos) {
        return nanos <= 0 ? 0 : jobs * 1e9 / nanos;
    }
}
