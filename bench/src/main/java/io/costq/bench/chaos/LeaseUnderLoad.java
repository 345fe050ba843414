package io.costq.bench.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Does the lease keeper keep its rhythm when the CPU is saturated? One worker holds one long job while, per
 * scenario, {@code 2 x cores} threads spin ({@code spin}), churn the heap ({@code alloc}), or both ({@code both});
 * {@code idle} is the baseline. Reports the intervals between successful renewal rounds against
 * {@code renewEveryMs}, the longest GC pause, and whether the lease was lost (the node's own reaper and pull loop
 * run too, so a lost lease shows up as a second claim of the same job, and "most runs at once" says whether the
 * first run was still going when the second started: two owners of one job at the same time).
 */
final class LeaseUnderLoad {
    private LeaseUnderLoad() {
    }

    static int run(Args a) throws Exception {
        long seconds = a.number("seconds", 20);
        long leaseMs = a.number("lease-ms", 3_000);
        long renewMs = a.number("renew-ms", 1_000);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("leases: %d cores, heap max %d MB, %s, lease %d ms renewed every %d ms, %d s per scenario%n",
                cores, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), leaseMs, renewMs, seconds);
        System.out.println("scenario  renewals  interval p50/p99/max ms  worst delay ms  longest GC pause ms  "
                + "leases lost  claims  most runs at once  lease expiries");
        int bad = 0;
        try (RedisProcess redisServer = RedisProcess.start()) {
            RedissonClient redis = RedisConnector.connect(redisServer.url(), null, 16);
            try (GcPauses gc = GcPauses.watch()) {
                for (String scenario : a.text("scenarios", "idle,spin,alloc,both").split(",")) {
                    int threads = 2 * cores;
                    int spin = scenario.equals("spin") || scenario.equals("both") ? threads : 0;
                    int alloc = scenario.equals("alloc") || scenario.equals("both") ? threads : 0;
                    bad += scenario(redis, gc, scenario, spin, alloc, seconds, leaseMs, renewMs, cores);
                }
            } finally {
                redis.shutdown();
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private static int scenario(RedissonClient redis, GcPauses gc, String name, int spin, int alloc, long seconds,
                                long leaseMs, long renewMs, int cores) throws Exception {
        CostqSettings settings = CostqSettings.defaults("lease" + UUID.randomUUID().toString().substring(0, 8))
                .withLease(new CostqSettings.LeaseSettings(leaseMs, renewMs, Math.max(10, renewMs / 2)));
        List<Long> renewedAtNs = new CopyOnWriteArrayList<>();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        AtomicInteger runsNow = new AtomicInteger();
        AtomicInteger runsAtOnce = new AtomicInteger();
        WorkerListener listener = new WorkerListener() {
            @Override
            public void leaseRenewals(int renewed, long tookMs) {
                if (renewed > 0) renewedAtNs.add(System.nanoTime());
            }

            @Override
            public void leaseLost(String jobId) {
                lost.incrementAndGet();
            }

            @Override
            public void claimed(ClaimedJob job, long waitedMs) {
                claims.incrementAndGet();
                runsAtOnce.accumulateAndGet(runsNow.incrementAndGet(), Math::max);
            }

            @Override
            public void finished(ClaimedJob job, String outcome, long runMs) {
                runsNow.decrementAndGet();
            }
        };
        WorkerEngine engine = new WorkerEngine(redis, settings, new WorkerSettings("lease-" + name, 4, cores, 1_000, 3_000, "", 0),
                JobTypes.builtIns(), () -> 0.1, Clock.SYSTEM, listener);
        try (CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            String id = client.submit(new SubmitRequest("lease", "sleep",
                    JsonNodeFactory.instance.objectNode().put("ms", (seconds + 60) * 1_000), null, 5, null, null)).id();
            engine.start();
            while (claims.get() == 0) Thread.sleep(10);
            Thread.sleep(renewMs * 2); // the first renewals, before the load starts
            renewedAtNs.clear();
            gc.reset();
            try (Load load = Load.start(spin, alloc, 42)) {
                Thread.sleep(seconds * 1_000);
            }
            long gcMax = gc.maxPauseMs();
            Thread.sleep(renewMs * 2);
            JobView job = client.get(id).orElseThrow();
            String expiries = redis.<String, String>getMap(client.keys().stats(), StringCodec.INSTANCE)
                    .getOrDefault("leaseExpiries", "0");
            List<Long> intervals = intervalsMs(renewedAtNs);
            long max = intervals.isEmpty() ? -1 : intervals.get(intervals.size() - 1);
            System.out.printf("%-8s  %8d  %7d / %5d / %5d      %8d  %19d  %11d  %6d  %17d  %14s   (job %s)%n",
                    name, renewedAtNs.size(), pct(intervals, 50), pct(intervals, 99), max, max - renewMs, gcMax,
                    lost.get(), claims.get(), runsAtOnce.get(), expiries, job.status());
            return lost.get() > 0 || claims.get() > 1 || max >= leaseMs ? 1 : 0;
        } finally {
            engine.crash();
            Thread.sleep(200); // let the crashed node's interrupted threads settle before Redisson shuts down
        }
    }

    private static List<Long> intervalsMs(List<Long> atNs) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < atNs.size(); i++) out.add((atNs.get(i) - atNs.get(i - 1)) / 1_000_000);
        out.sort(null);
        return out;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
