package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.store.LuaScript;
import io.costq.core.worker.WorkerEngine;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RedissonClient;

/**
 * Client commands and round trips per job, counted by a {@link CountingProxy} in front of Redis: one proxy for
 * the submitting client, one for the worker, so each side is counted apart. Kept out of the throughput phases,
 * because the proxy costs time. Two paths: single {@code submit} calls (what the REST API does per POST), and
 * {@code submitAll} batches.
 */
final class RoundTrips {
    /** Every transition script, so the proxy can name them (EVALSHA carries only the digest). */
    private static final List<String> SCRIPTS = List.of("submitJobs", "claimJobs", "promoteRetries", "reportQueues",
            "releaseParked", "reconcileQueues", "completeJobs", "failJob", "extendLeases", "recordHeartbeat", "requeueExpired",
            "expireAcks", "watchJob", "ackJob", "cancelJob", "retryJob");

    private final String host;
    private final int port;
    private final RedisProbe probe;
    private final BenchOptions options;

    RoundTrips(String host, int port, RedisProbe probe, BenchOptions options) {
        this.host = host;
        this.port = port;
        this.probe = probe;
        this.options = options;
    }

    void run(int jobs, Results r) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (String s : SCRIPTS) names.put(LuaScript.load(s).sha(), s);
        try (CountingProxy clientSide = new CountingProxy(host, port, names);
             CountingProxy workerSide = new CountingProxy(host, port, names)) {
            RedissonClient clientRedis = RedisConnector.connect(clientSide.url(), null, 16);
            RedissonClient workerRedis = RedisConnector.connect(workerSide.url(), null, 16);
            try {
                path(clientRedis, workerRedis, clientSide, workerSide, Math.min(jobs, 500), false, null); // warm-up
                path(clientRedis, workerRedis, clientSide, workerSide, jobs, false, r);
                path(clientRedis, workerRedis, clientSide, workerSide, jobs, true, r);
            } finally {
                clientRedis.shutdown();
                workerRedis.shutdown();
            }
        }
    }

    private void path(RedissonClient clientRedis, RedissonClient workerRedis, CountingProxy clientSide,
                      CountingProxy workerSide, int jobs, boolean bulk, Results r) throws Exception {
        CostqSettings settings = Costq.settings(Costq.freshPrefix("rt"), options.maxTasks());
        Completions done = new Completions(false);
        try (CostqClient client = Costq.client(clientRedis, settings)) {
            WorkerEngine worker = Costq.worker(workerRedis, settings, options.maxTasks(), done);
            worker.start();
            Thread.sleep(100); // start-up traffic (subscriptions, first heartbeat) is not per-job cost
            CountingProxy.Counts c0 = clientSide.counts();
            CountingProxy.Counts w0 = workerSide.counts();
            RedisStats before = probe.stats();
            if (bulk) {
                for (int i = 0; i < jobs; i += options.batch()) client.submitAll(Costq.noops(i, Math.min(options.batch(), jobs - i)));
            } else {
                submitSingly(client, jobs);
            }
            if (!done.await(jobs, 120_000)) throw new IllegalStateException("round-trip phase: only " + done.done() + " of " + jobs + " finished");
            CountingProxy.Counts c = clientSide.counts().since(c0);
            CountingProxy.Counts w = workerSide.counts().since(w0);
            RedisStats cost = probe.stats().since(before);
            worker.close();
            if (r != null) {
                String p = bulk ? "rt_bulk_" : "rt_single_";
                r.put(p + "jobs", jobs);
                r.put(p + "round_trips_per_job", (double) (c.totalRoundTrips() + w.totalRoundTrips()) / jobs);
                r.put(p + "submit_round_trips_per_job", (double) c.totalRoundTrips() / jobs);
                r.put(p + "worker_round_trips_per_job", (double) w.totalRoundTrips() / jobs);
                r.put(p + "client_cmds_per_job", (double) (c.totalCommands() + w.totalCommands()) / jobs);
                r.put(p + "redis_cmds_per_job", (double) cost.calls() / jobs);
                r.put(p + "submit_round_trips_breakdown", perJob(c.roundTrips(), jobs));
                r.put(p + "worker_round_trips_breakdown", perJob(w.roundTrips(), jobs));
                r.put(p + "submit_cmds_breakdown", perJob(c.commands(), jobs));
                r.put(p + "worker_cmds_breakdown", perJob(w.commands(), jobs));
            }
        }
        probe.flushAll();
    }

    /** Single submits from 8 threads (like concurrent POSTs). */
    private static void submitSingly(CostqClient client, int jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) client.submit(Costq.noop(i));
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Double> perJob(Map<String, Long> counts, long jobs) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), Results.round((double) e.getValue() / jobs, 4)));
        return out;
    }
}
