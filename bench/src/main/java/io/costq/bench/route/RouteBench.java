package io.costq.bench.route;

import io.costq.bench.ApiProcess;
import io.costq.bench.BenchSupport;
import io.costq.bench.LocalRedis;
import io.costq.core.ClusterSettings;
import io.costq.core.RedisConnector;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.RouteSettings;
import io.costq.core.route.ServerReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

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

    record Options(int sessions, int servers, int threads, int seconds, int warmup, boolean http) {
        static Options parse(String[] args) {
            Map<String, String> v = new java.util.HashMap<>(Map.of("--sessions", "10000", "--servers", "10", "--threads", "8",
                    "--seconds", "10", "--warmup", "3"));
            boolean http = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--http")) http = true;
                else if (v.containsKey(args[i]) && i + 1 < args.length) v.put(args[i], args[++i]);
                else throw new IllegalArgumentException("unknown option " + args[i]);
            }
            return new Options(Integer.parseInt(v.get("--sessions")), Integer.parseInt(v.get("--servers")),
                    Integer.parseInt(v.get("--threads")), Integer.parseInt(v.get("--seconds")), Integer.parseInt(v.get("--warmup")), http);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchSupport.optionsOrExit("route bench", "[--sessions N] [--servers N] [--threads N] [--seconds N] [--warmup N] [--http]",
                Options::parse, args);
        try (LocalRedis redis = LocalRedis.start()) {
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
            Thread.sleep(200);
            List<String> live = prefill(direct, o);
            ApiProcess api = null;
            try {
                RouteOps ops = direct;
                if (o.http()) {
                    api = ApiProcess.start(Path.of("scheduler-api/target/quarkus-app/quarkus-run.jar"), redis.url(), prefix);
                    ops = new RouteOps.Http(api.base);
                }
                run(ops, live, o, o.warmup(), client); // JIT, connections
                Result r = run(ops, live, o, o.seconds(), client);
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

    /** Latencies in ns per call kind, and Redis CPU over the run. */
    record Result(long[] route, long[] renew, long[] release, double redisCpuSeconds, double scriptMicros) {
        void print(int seconds) {
            long calls = route.length + renew.length + release.length;
            System.out.printf("  route (the decision): %,.0f/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n", route.length / (double) seconds,
                    pct(route, 50), pct(route, 99), pct(route, 99.9));
            System.out.printf("  renew:                %,.0f/s  p50 %.2f ms  p99 %.2f ms%n", renew.length / (double) seconds, pct(renew, 50), pct(renew, 99));
            System.out.printf("  release:              %,.0f/s  p50 %.2f ms  p99 %.2f ms%n", release.length / (double) seconds, pct(release, 50), pct(release, 99));
            System.out.printf("  Redis: %.1f µs CPU per call, of which %.1f µs running the script (%,d calls)%n",
                    redisCpuSeconds * 1e6 / calls, scriptMicros / calls, calls);
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] / 1e6;
        }
    }

    private static Result run(RouteOps ops, List<String> live, Options o, int seconds, RedissonClient redis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[][]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        double cpuBefore = redisCpu(redis);
        double scriptBefore = scriptMicros(redis);
        for (int t = 0; t < o.threads(); t++) {
            long[][] lat = new long[3][];
            perThread.add(lat);
            int id = t;
            Thread th = new Thread(() -> loop(ops, live, id, stop, lat), "route-bench-" + t);
            threads.add(th);
            th.start();
        }
        Thread.sleep(seconds * 1_000L);
        stop.set(true);
        for (Thread th : threads) th.join();
        double cpu = redisCpu(redis) - cpuBefore;
        double script = scriptMicros(redis) - scriptBefore;
        long[][] merged = new long[3][];
        for (int k = 0; k < 3; k++) {
            int kk = k;
            merged[k] = perThread.stream().flatMapToLong(l -> Arrays.stream(l[kk])).sorted().toArray();
        }
        return new Result(merged[0], merged[1], merged[2], cpu, script);
    }

    private static void loop(RouteOps ops, List<String> live, int id, AtomicBoolean stop, long[][] out) {
        SplittableRandom random = new SplittableRandom(19 + id);
        long[] route = new long[1 << 16], renew = new long[1 << 16], release = new long[1 << 16];
        int n = 0;
        try {
            while (!stop.get()) {
                if (n == route.length) {
                    route = Arrays.copyOf(route, n * 2);
                    renew = Arrays.copyOf(renew, n * 2);
                    release = Arrays.copyOf(release, n * 2);
                }
                long t0 = System.nanoTime();
                String session = ops.route(POOL, "churn-" + id + "-" + n);
                long t1 = System.nanoTime();
                ops.renew(live.get(random.nextInt(live.size())));
                long t2 = System.nanoTime();
                ops.release(session);
                long t3 = System.nanoTime();
                route[n] = t1 - t0;
                renew[n] = t2 - t1;
                release[n] = t3 - t2;
                n++;
            }
        } catch (Exception e) {
            throw new IllegalStateException("route bench thread " + id + " failed", e);
        }
        out[0] = Arrays.copyOf(route, n);
        out[1] = Arrays.copyOf(renew, n);
        out[2] = Arrays.copyOf(release, n);
    }

    /** Time Redis spent inside EVALSHA/EVAL so far (INFO commandstats), µs: the scripts' own cost, without I/O. */
    private static double scriptMicros(RedissonClient redis) {
        Map<String, String> stats = redis.getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.COMMANDSTATS);
        double us = 0;
        for (String cmd : new String[]{"cmdstat_evalsha", "cmdstat_eval"}) {
            String v = stats.get(cmd);
            if (v != null) us += Double.parseDouble(v.replaceAll(".*usec=([0-9]+).*", "$1"));
        }
        return us;
    }

    private static double redisCpu(RedissonClient redis) {
        Map<String, String> info = redis.getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.CPU);
        return Double.parseDouble(info.get("used_cpu_user")) + Double.parseDouble(info.get("used_cpu_sys"));
    }
}
