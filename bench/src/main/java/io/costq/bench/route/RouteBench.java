package io.costq.bench.route;

import io.costq.bench.ApiProcess;
import io.costq.bench.BenchSupport;
import io.costq.bench.RedisProbe;
import io.costq.bench.RedisStats;
import io.costq.bench.Samples;
import io.costq.core.ClusterSettings;
import io.costq.core.RedisConnector;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.RouteSettings;
import io.costq.core.route.ServerReport;
import io.costq.core.testing.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.redisson.api.RedissonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The decision server under load: a pool of servers holding {@code --sessions} live sessions while {@code --threads}
 * clients each loop over route a new client (the decision), renew a random live session, release the new one.
 * Measured straight against Redis (the scripts, as an API instance calls them) and, with {@code --http}, through a
 * real scheduler-api process. Prints calls per second and latency percentiles, and Redis CPU per call.
 * <pre>java -cp bench/target/costq-bench.jar io.costq.bench.route.RouteBench [--sessions 10000] [--servers 10]
 *     [--threads 8] [--seconds 10] [--warmup 3] [--http]</pre>
 */
public final class RouteBench {
    private static final String POOL = "bench";
    private static final RouteSettings SETTINGS = new RouteSettings(new RouteSettings.Allowed(0.8, Map.of()),
            new RouteSettings.Sessions(3_600_000, 60_000, 1), new RouteSettings.Servers(10_000, 100, 30));

    private RouteBench() {
    }

    record Options(int sessions, int servers, int threads, int seconds, int warmup, boolean http) {
        Options {
            if (sessions < 1) throw new IllegalArgumentException("--sessions must be >= 1");
            if (servers < 1) throw new IllegalArgumentException("--servers must be >= 1");
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
            if (seconds < 1) throw new IllegalArgumentException("--seconds must be >= 1");
            if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0");
        }
    }

    /** The command line, parsed by picocli: {@code --help} prints it. */
    @Command(name = "RouteBench", sortOptions = false,
            description = "Route decisions, renewals and releases per second and their percentiles with live sessions, "
                    + "straight on Redis or through a scheduler-api process, with Redis CPU per call. See README.md.")
    static final class Cli implements Callable<Options> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;
        @Option(names = "--sessions", paramLabel = "N", defaultValue = "10000", description = "live sessions held during the run (${DEFAULT-VALUE})")
        int sessions;
        @Option(names = "--servers", paramLabel = "N", defaultValue = "10", description = "servers in the pool (${DEFAULT-VALUE})")
        int servers;
        @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "client threads (${DEFAULT-VALUE})")
        int threads;
        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "measured time (${DEFAULT-VALUE})")
        int seconds;
        @Option(names = "--warmup", paramLabel = "S", defaultValue = "3", description = "unmeasured time before it: JIT, connections (${DEFAULT-VALUE})")
        int warmup;
        @Option(names = "--http", description = "through a real scheduler-api process (its packaged jar) instead of the scripts in-process")
        boolean http;

        @Override
        public Options call() {
            return new Options(sessions, servers, threads, seconds, warmup, http);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogs();
        Options o = BenchSupport.parseOrExit("route bench", new Cli(), args);
        try (RedisServerProcess redis = RedisServerProcess.start(); RedisProbe probe = new RedisProbe("127.0.0.1", redis.port())) {
            RedissonClient client = RedisConnector.connect(redis.url(), null, 64);
            String prefix = "rb" + Long.toHexString(System.nanoTime());
            DecisionServer decisions = new DecisionServer(client, prefix, ClusterSettings.SINGLE);
            // capacity for twice the sessions at 80 %: room for the churn, and the decision looks at every server
            int capacity = (int) Math.ceil(2.0 * o.sessions() / o.servers() / 0.8);
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            heartbeats.scheduleAtFixedRate(() -> {
                for (int s = 0; s < o.servers(); s++) {
                    decisions.register(POOL, new ServerReport("m" + s, "tcp://m" + s + ":2000", capacity, 0, 0.3, false),
                            System.currentTimeMillis(), SETTINGS.servers().leaseMs(), SETTINGS);
                }
            }, 0, 1, TimeUnit.SECONDS);
            RouteOps direct = new RouteOps.Direct(decisions, SETTINGS);
            Thread.sleep(200); // the first heartbeat: the pool exists
            List<String> live = prefill(direct, o);
            ApiProcess api = null;
            try {
                RouteOps ops = direct;
                if (o.http()) {
                    Path jar = BenchSupport.repoRoot().resolve("scheduler-api/target/quarkus-app/quarkus-run.jar");
                    if (!Files.isRegularFile(jar)) throw new IllegalStateException("no " + jar + " (build first: ./mvnw -B -q install -DskipTests)");
                    api = ApiProcess.start(jar, redis.url(), prefix);
                    ops = new RouteOps.Http(api.base);
                }
                run(ops, live, o, o.warmup(), probe); // JIT, connections
                Result r = run(ops, live, o, o.seconds(), probe);
                long held = decisions.view(POOL, System.currentTimeMillis(), SETTINGS).sessions();
                System.out.printf("route bench (%s): %d live sessions on %d servers, %d client threads, %d s, load %s%n",
                        o.http() ? "HTTP through one scheduler-api" : "scripts straight on Redis", held, o.servers(), o.threads(),
                        o.seconds(), BenchSupport.loadAverage());
                r.print(o.seconds());
            } finally {
                if (api != null) api.close();
                heartbeats.shutdownNow();
                client.shutdown();
            }
        }
    }

    private static List<String> prefill(RouteOps direct, Options o) throws Exception {
        List<String> live = new ArrayList<>(o.sessions());
        for (int i = 0; i < o.sessions(); i++) live.add(direct.route(POOL, "live-" + i));
        return live;
    }

    /** Latencies per call kind (HdrHistogram), and what Redis spent over the run. */
    record Result(Samples route, Samples renew, Samples release, RedisStats redis) {
        void print(int seconds) {
            long calls = route.size() + renew.size() + release.size();
            System.out.printf("  route (the decision): %,.0f/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n", route.size() / (double) seconds,
                    route.percentileMs(50), route.percentileMs(99), route.percentileMs(99.9));
            System.out.printf("  renew:                %,.0f/s  p50 %.2f ms  p99 %.2f ms%n", renew.size() / (double) seconds,
                    renew.percentileMs(50), renew.percentileMs(99));
            System.out.printf("  release:              %,.0f/s  p50 %.2f ms  p99 %.2f ms%n", release.size() / (double) seconds,
                    release.percentileMs(50), release.percentileMs(99));
            System.out.printf("  Redis: %.1f µs CPU per call, of which %.1f µs running the script (%,d calls)%n",
                    (double) redis.cpuUs() / calls, (double) redis.scriptMicros() / calls, calls);
        }
    }

    private static Result run(RouteOps ops, List<String> live, Options o, int seconds, RedisProbe probe) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Result r = new Result(new Samples(), new Samples(), new Samples(), null);
        List<Thread> threads = new ArrayList<>();
        RedisStats before = probe.stats();
        for (int t = 0; t < o.threads(); t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    loop(ops, live, id, stop, r);
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                    stop.set(true);
                }
            }, "route-bench-" + t);
            threads.add(th);
            th.start();
        }
        for (long end = System.currentTimeMillis() + seconds * 1_000L; !stop.get() && System.currentTimeMillis() < end; ) {
            Thread.sleep(50);
        }
        stop.set(true);
        for (Thread th : threads) th.join();
        if (failed.get() != null) throw new IllegalStateException("a client thread failed", failed.get());
        return new Result(r.route(), r.renew(), r.release(), probe.stats().since(before));
    }

    private static void loop(RouteOps ops, List<String> live, int id, AtomicBoolean stop, Result out) throws Exception {
        SplittableRandom random = new SplittableRandom(19 + id);
        for (int n = 0; !stop.get(); n++) {
            long t0 = System.nanoTime();
            String session = ops.route(POOL, "churn-" + id + "-" + n);
            long t1 = System.nanoTime();
            ops.renew(live.get(random.nextInt(live.size())));
            long t2 = System.nanoTime();
            ops.release(session);
            long t3 = System.nanoTime();
            out.route().add(t1 - t0);
            out.renew().add(t2 - t1);
            out.release().add(t3 - t2);
        }
    }
}
