package io.costq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.RedisConnector;
import io.costq.core.testing.RedisServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.redisson.api.RedissonClient;

/**
 * {@code ./costq bench}: throughput, latency and Redis cost of no-op jobs through costq (Java client and REST
 * API), with the BullMQ peer bench on the same Redis, as one table or one JSON line. See bench/README.md.
 */
public final class BenchMain {
    private static final Deque<AutoCloseable> CLEANUP = new ConcurrentLinkedDeque<>();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogs();
        BenchOptions options = BenchOptions.parseOrExit(args);
        Runtime.getRuntime().addShutdownHook(new Thread(BenchMain::cleanUp, "bench-cleanup"));
        try {
            Results r = new Results();
            JsonNode peer = run(options, r);
            System.out.println(options.json() ? r.json() : new Report(r, peer).render());
        } finally {
            cleanUp();
        }
        System.exit(0);
    }

    private static JsonNode run(BenchOptions options, Results r) throws Exception {
        Path repo = BenchSupport.repoRoot();
        r.put("setup", options.describe());
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("load_start", BenchSupport.loadAverage());
        r.put("jobs", options.jobs());

        String url = options.redisUrl();
        if (url == null) {
            RedisServerProcess local = RedisServerProcess.start();
            CLEANUP.push(local);
            url = local.url();
            log("redis-server started on port " + local.port());
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        RedisProbe probe = new RedisProbe(host, port);
        CLEANUP.push(probe);
        r.put("redis_version", probe.version());
        RedissonClient redis = RedisConnector.connect(url, null, 64);
        CLEANUP.push(redis::shutdown);

        if (options.onlyHttp()) {
            http(repo, url, redis, probe, options, r);
            r.put("load_end", BenchSupport.loadAverage());
            r.put("peer_skipped", "--only http");
            return null;
        }
        JavaThroughput throughput = new JavaThroughput(redis, probe, options);
        int warmup = options.warmup();
        if (warmup < 0) {
            log("warm-up: rounds of " + options.jobs() + " jobs until the JIT compiler is mostly idle");
            warmup = throughput.warmUpUntilSteady(options.jobs());
        } else if (warmup > 0) {
            log("warm-up: " + warmup + " jobs");
            throughput.warmUp(warmup);
        }
        r.put("warmup_jobs", warmup);
        log("Java client: concurrent enqueue + drain of " + options.jobs() + " jobs");
        throughput.concurrent(options.jobs(), r);
        log("Java client: pure enqueue, then drain");
        throughput.pure(options.jobs(), r);
        if (!options.onlyThroughput()) clientPhases(host, port, url, repo, redis, probe, options, r);
        r.put("load_end", BenchSupport.loadAverage());
        return peer(repo, host, port, probe, options, warmup, r);
    }

    /** Round trips, Java latency and (unless --no-http) the HTTP phases. */
    private static void clientPhases(String host, int port, String url, Path repo, RedissonClient redis, RedisProbe probe,
                                     BenchOptions options, Results r) throws Exception {
        int rtJobs = Math.max(1_000, Math.min(5_000, options.jobs() / 4));
        log("round trips through the counting proxy (" + rtJobs + " jobs per path)");
        new RoundTrips(host, port, probe, options).run(rtJobs, r);

        JavaLatency latency = new JavaLatency(redis, probe, options);
        // paced once untimed at the highest rate first: single submits and awaitTerminal are paths the bulk phases
        // did not compile (as with the HTTP open loop)
        int top = options.rates().stream().max(Integer::compare).orElseThrow();
        log("Java client: open loop at " + top + " jobs/s for " + Math.min(options.latencySeconds(), 10) + " s, untimed");
        latency.run(top, Math.min(options.latencySeconds(), 10), new Results());
        List<Integer> rates = new ArrayList<>();
        for (int rate : options.rates()) {
            log("Java client: open loop at " + rate + " jobs/s for " + options.latencySeconds() + " s");
            latency.run(rate, options.latencySeconds(), r);
            rates.add(rate);
        }
        r.put("latency_rates", rates);

        if (options.http()) http(repo, url, redis, probe, options, r);
    }

    /** The BullMQ bench on the same Redis, and the costq ÷ BullMQ ratios; null when skipped. */
    private static JsonNode peer(Path repo, String host, int port, RedisProbe probe, BenchOptions options, int warmup, Results r)
            throws InterruptedException {
        JsonNode peer = null;
        if (options.peer()) {
            probe.flushAll();
            log("BullMQ peer bench on the same Redis");
            BullmqPeer.Outcome o = BullmqPeer.run(repo, host, port, options.jobs(), warmup);
            if (o.skipped() != null) {
                log("BullMQ peer skipped: " + o.skipped());
                r.put("peer_skipped", o.skipped());
            } else {
                peer = o.figures();
                r.put("bullmq", peer);
                for (String key : List.of("enqueue_per_s", "drain_per_s", "e2e_per_s", "redis_cmds_per_job", "redis_cpu_us_per_job")) {
                    if (peer.hasNonNull(key) && r.number(key) != null && peer.get(key).asDouble() > 0) {
                        r.put("ratio_" + key, Results.round(r.number(key) / peer.get(key).asDouble(), 3));
                    }
                }
            }
            probe.flushAll();
        } else {
            r.put("peer_skipped", "--no-peer");
        }
        return peer;
    }

    private static void http(Path repo, String url, RedissonClient redis, RedisProbe probe, BenchOptions options, Results r)
            throws Exception {
        Path jar = repo.resolve("scheduler-api/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            String why = "no " + jar + " (build first: mvn -q -B install -DskipTests)";
            log("HTTP skipped: " + why);
            r.put("http_skipped", why);
            return;
        }
        String prefix = Costq.freshPrefix("http");
        log("starting scheduler-api");
        ApiProcess api = ApiProcess.start(jar, url, prefix);
        CLEANUP.push(api);
        try {
            HttpBench http = new HttpBench(api, probe, options);
            // 10,000: with 3,000 the API's C2 compiler threads still used ~70 % of a core during the measured phase
            // (JFR jdk.ThreadCPULoad), which then timed the JIT rather than the API
            log("HTTP: warm-up");
            http.throughput(Math.min(10_000, options.jobs()), null, "");
            probe.flushAll();
            log("HTTP: " + options.jobs() + " POSTs, " + options.httpConcurrency() + " in flight");
            double rate = http.throughput(options.jobs(), r, "http_");
            probe.flushAll();
            int half = options.httpRate() > 0 ? options.httpRate() : (int) Math.max(1, rate / 2);
            log("HTTP: open loop at " + half + " jobs/s for " + options.latencySeconds() + " s");
            http.openLoop(half, options.latencySeconds(), r);
            probe.flushAll();
            log("HTTP: sequential POST and ?waitMs round trips");
            http.waitMs(redis, prefix, r);
            probe.flushAll();
        } finally {
            CLEANUP.remove(api);
            api.close();
        }
    }

    private static void cleanUp() {
        AutoCloseable c;
        while ((c = CLEANUP.poll()) != null) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort on the way out
            }
        }
    }

    static void log(String message) {
        System.err.println("[bench] " + message);
    }
}
