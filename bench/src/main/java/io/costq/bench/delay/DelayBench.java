package io.costq.bench.delay;

import io.costq.bench.BenchSupport;
import io.costq.bench.Samples;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.client.ScheduleTicker;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Timekeeper;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RedissonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Due → start latency of delayed jobs on an idle cluster: {@code --jobs} no-op jobs submitted with delays spread over
 * {@code --spread-ms} (so they come due one by one), one API-side timekeeper ({@code --tick-ms}) and one worker
 * node. For each job: its handler's start (epoch ms, the worker's clock) minus its runAt. Target: none early,
 * p99 within 100 ms. Prints the percentiles, the max and the number started early.
 * <pre>java -cp bench/target/costq-bench.jar io.costq.bench.delay.DelayBench [--jobs 300] [--spread-ms 15000] [--tick-ms 25]</pre>
 */
public final class DelayBench {
    private DelayBench() {
    }

    record Options(int jobs, long spreadMs, long tickMs) {
        Options {
            if (jobs < 1 || spreadMs < 1 || tickMs < 1) throw new IllegalArgumentException("--jobs, --spread-ms and --tick-ms must be >= 1");
        }
    }

    @Command(name = "DelayBench", sortOptions = false, description = "Due -> start latency of delayed jobs on an idle cluster.")
    static final class Cli implements Callable<Options> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;
        @Option(names = "--jobs", paramLabel = "N", defaultValue = "300", description = "delayed jobs (${DEFAULT-VALUE})")
        int jobs;
        @Option(names = "--spread-ms", paramLabel = "MS", defaultValue = "15000", description = "their due times spread over this (${DEFAULT-VALUE})")
        long spreadMs;
        @Option(names = "--tick-ms", paramLabel = "MS", defaultValue = "25", description = "the timekeeper's period, costq.schedules.tick-ms (${DEFAULT-VALUE})")
        long tickMs;

        @Override
        public Options call() {
            return new Options(jobs, spreadMs, tickMs);
        }
    }

    /** Records when each job's handler started. */
    static final class Stamp implements JobType {
        final Map<String, Long> started = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "stamp";
        }

        @Override
        public Object run(JobContext ctx) {
            started.putIfAbsent(ctx.jobId(), System.currentTimeMillis());
            return Map.of();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogs();
        Options o = BenchSupport.parseOrExit("delay bench", new Cli(), args);
        Stamp stamp = new Stamp();
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedissonClient r = RedisConnector.connect(redis.url(), null, 16);
            CostqSettings settings = CostqSettings.defaults("db" + Long.toHexString(System.nanoTime()));
            JobTypes types = JobTypes.builtIns().register(stamp);
            try (CostqClient client = new CostqClient(r, settings, types, Clock.SYSTEM);
                 Timekeeper time = new Timekeeper(client, ScheduleTicker.Settings.DEFAULT, Clock.SYSTEM)) {
                WorkerEngine worker = new WorkerEngine(r, settings, new WorkerSettings("bench-worker", 8, 2, 1_000, 3_000, "", 2_000),
                        types, () -> 0.0, Clock.SYSTEM, WorkerListener.NONE);
                worker.start();
                time.start(o.tickMs());
                SplittableRandom random = new SplittableRandom(18);
                Map<String, Long> runAt = new ConcurrentHashMap<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < o.jobs(); i++) {
                    long delay = 500 + random.nextLong(o.spreadMs());
                    String id = client.submit(SubmitRequest.of("u" + (i % 10), "stamp", null).withDelay(delay)).id();
                    runAt.put(id, client.get(id).orElseThrow().runAt());
                    ids.add(id);
                }
                long deadline = System.currentTimeMillis() + o.spreadMs() + 30_000;
                while (stamp.started.size() < ids.size() && System.currentTimeMillis() < deadline) Thread.sleep(50);
                worker.close();
                Samples late = new Samples();
                long early = 0, max = Long.MIN_VALUE;
                for (String id : ids) {
                    Long start = stamp.started.get(id);
                    if (start == null) continue;
                    long d = start - runAt.get(id);
                    if (d < 0) early++;
                    max = Math.max(max, d);
                    late.add(Math.max(0, d) * 1_000_000L);
                }
                System.out.printf("delayed jobs: %d submitted, %d started, %d started before runAt%n", ids.size(), late.size(), early);
                System.out.printf("due -> start ms: p50 %.1f  p90 %.1f  p99 %.1f  max %d  (tick %d ms)%n",
                        late.percentileMs(50), late.percentileMs(90), late.percentileMs(99), max, o.tickMs());
                System.exit(early == 0 && late.size() == ids.size() && late.percentileMs(99) <= 100 ? 0 : 1);
            }
        }
    }
}
