package io.costq.bench.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.costq.core.ClusterSettings;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.RedisOptions;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.PolicySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;

/**
 * The scaling figure of issue 9: noop jobs through costq on a Redis Cluster of 1 and of 3 primaries, with 1 and with
 * 6 partitions. Per configuration: a fresh cluster, a warm-up, then {@code jobs} submitted with {@code submitAll}
 * (batches of 500, two producer threads) while {@code workers} in-JVM worker engines drain them;
 * jobs/s = jobs ÷ (first submit → last completion), and each primary's Redis CPU (used_cpu_sys + user) per job.
 * <pre>java -cp bench/target/costq-bench.jar io.costq.bench.cluster.ClusterBenchMain [jobs] [workers]</pre>
 */
public final class ClusterBenchMain {
    private ClusterBenchMain() {
    }

    record Row(int masters, int partitions, double jobsPerSecond, List<Double> cpuMsPerShard, double cpuUsPerJob) {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Row> rows = new ArrayList<>();
        for (int masters : new int[] {1, 3}) {
            for (int partitions : new int[] {1, 6}) {
                rows.add(run(masters, partitions, jobs, workers));
                System.err.printf(Locale.ROOT, "done: %s%n", rows.get(rows.size() - 1));
            }
        }
        System.out.printf(Locale.ROOT, "%n%d noop jobs, %d in-JVM workers x 50 tasks, %d cores%n", jobs, workers,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| primaries | partitions | jobs/s | Redis CPU ms per primary | Redis CPU µs/job (all primaries) |");
        System.out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %s | %.1f |%n", r.masters(), r.partitions(), r.jobsPerSecond(),
                    r.cpuMsPerShard().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), r.cpuUsPerJob());
        }
    }

    static Row run(int masters, int partitions, int jobs, int workers) throws Exception {
        try (LocalCluster cluster = new LocalCluster(masters)) {
            RedissonClient redis = RedisConnector.connect(RedisOptions.cluster(cluster.addresses(), null, 32));
            try {
                drain(redis, settings("warm" + masters + partitions, partitions), Math.min(2_000, jobs), workers);
                List<Double> before = cluster.ports().stream().map(cluster::cpuSeconds).toList();
                double seconds = drain(redis, settings("run" + masters + partitions, partitions), jobs, workers);
                List<Double> cpuMs = new ArrayList<>();
                double total = 0;
                for (int i = 0; i < cluster.ports().size(); i++) {
                    double ms = (cluster.cpuSeconds(cluster.ports().get(i)) - before.get(i)) * 1_000;
                    cpuMs.add(ms);
                    total += ms;
                }
                return new Row(masters, partitions, jobs / seconds, cpuMs, total * 1_000 / jobs);
            } finally {
                redis.shutdown();
            }
        }
    }

    private static CostqSettings settings(String prefix, int partitions) {
        CostqSettings d = CostqSettings.defaults("cb" + prefix + Long.toHexString(System.nanoTime() & 0xffffff));
        PolicySettings p = d.policy();
        return d.withPolicy(new PolicySettings(p.cpuThreshold(), 50, p.fillInMaxMs(), p.idleWaitMs()))
                .withCluster(new ClusterSettings(partitions, 0, 1_000));
    }

    /** Submits {@code jobs} noops while the workers drain them; returns seconds from first submit to last completion. */
    private static double drain(RedissonClient redis, CostqSettings settings, int jobs, int workers) throws Exception {
        CountDownLatch done = new CountDownLatch(jobs);
        WorkerListener count = new WorkerListener() {
            @Override
            public void finished(ClaimedJob job, String outcome, long runMs) {
                done.countDown();
            }
        };
        List<WorkerEngine> engines = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            var node = new WorkerSettings("bench-" + i, 50, Runtime.getRuntime().availableProcessors(), 1_000, 3_000, "", 5_000);
            WorkerEngine w = new WorkerEngine(redis, settings, node, JobTypes.builtIns(), () -> 0.0, Clock.SYSTEM, count);
            engines.add(w);
            w.start();
        }
        CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM);
        try {
            long t0 = System.nanoTime();
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int me = t;
                Thread th = new Thread(() -> {
                    for (int from = me * 500; from < jobs; from += 1_000) {
                        int n = Math.min(500, jobs - from);
                        List<SubmitRequest> batch = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            batch.add(SubmitRequest.of("user" + ((from + i) % 64), "noop", JsonNodeFactory.instance.objectNode()));
                        }
                        client.submitAll(batch);
                    }
                });
                producers.add(th);
                th.start();
            }
            for (Thread th : producers) th.join();
            if (!done.await(300, TimeUnit.SECONDS)) throw new IllegalStateException(done.getCount() + " jobs not finished");
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            engines.forEach(WorkerEngine::close);
            client.close();
        }
    }
}
