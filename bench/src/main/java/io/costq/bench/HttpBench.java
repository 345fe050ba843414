package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * The REST path: {@code POST /v1/jobs} against the real scheduler-api process, over keep-alive HTTP/1.1.
 * Submit throughput and the open-loop POST latency run with no worker (they time the API alone), driven by the
 * lean {@link HttpLoad}, as are the sequential and {@code ?waitMs} round trips (one connection, one at a time), which run
 * with one worker in the bench process on the API's key prefix.
 */
final class HttpBench {
    private final ApiProcess api;
    private final RedisProbe probe;
    private final BenchOptions options;

    HttpBench(ApiProcess api, RedisProbe probe, BenchOptions options) {
        this.api = api;
        this.probe = probe;
        this.options = options;
    }

    /** POSTs n jobs with the given number in flight; returns jobs/s; counts non-202 answers. */
    double throughput(int n, Results r, String prefix) throws IOException {
        RedisStats before = probe.stats();
        long apiCpu0 = api.cpuMicros();
        long benchCpu0 = benchCpuMicros();
        HttpLoad.Outcome o;
        try (HttpLoad load = load()) {
            o = load.closed(n, options.httpConcurrency(), null);
        }
        double rate = JavaThroughput.rate(n, o.nanos());
        long apiCpu = api.cpuMicros() - apiCpu0;
        long benchCpu = benchCpuMicros() - benchCpu0;
        if (r != null) {
            r.put(prefix + "submit_api_cpu_us_per_job", (double) apiCpu / n);
            r.put(prefix + "submit_bench_cpu_us_per_job", (double) benchCpu / n);
            r.put(prefix + "submit_per_s", rate);
            r.put(prefix + "submit_errors", o.errors());
            r.put(prefix + "concurrency", options.httpConcurrency());
            probe.stats().since(before).report(r, prefix + "submit_", n);
        }
        return rate;
    }

    /** A load generator for plain POSTs: 16 users' bodies in turn. */
    private HttpLoad load() throws IOException {
        return load("", 202);
    }

    private HttpLoad load(String query, int expect) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (int u = 0; u < 16; u++) bodies.add(body(u));
        return new HttpLoad(new InetSocketAddress(api.base.getHost(), api.base.getPort()), "/v1/jobs" + query, bodies, expect);
    }

    private static String body(int i) {
        return "{\"user\":\"user" + (i % 16) + "\",\"type\":\"noop\",\"payload\":{}}";
    }

    /** CPU time of this JVM so far (load generator, plus its idle Redisson client), in µs. */
    private static long benchCpuMicros() {
        return BenchSupport.processCpuNanos() / 1_000;
    }

    /** Open loop at the given rate: POST latency from the scheduled send time. */
    void openLoop(int rate, int seconds, Results r) throws IOException {
        Samples latency = new Samples();
        HttpLoad.Outcome o;
        try (HttpLoad load = load()) {
            // the same open loop for a while first, not timed: the earlier closed-loop phases leave the API's C2
            // compiler still busy with the paths a paced load takes (JFR: C2 at 14-33 % of a core during the timed
            // loop without this), and a compiler thread on one of the 2 cores delays the request threads' wake-ups
            load.open(rate, Math.min(seconds, 10), options.httpConcurrency(), new Samples());
            o = load.open(rate, seconds, options.httpConcurrency(), latency);
        }
        r.put("http_open_offered_per_s", rate);
        r.put("http_open_achieved_per_s", JavaThroughput.rate(o.ok() + o.errors(), o.nanos()));
        r.put("http_open_errors", o.errors());
        latency.report(r, "http_open_post_", 50, 95, 99);
    }

    /** Sequential round trips: plain POST, then POST ?waitMs=5000 of a noop job with a worker running. */
    void waitMs(RedissonClient redis, String keyPrefix, Results r) throws Exception {
        CostqSettings settings = Costq.settings(keyPrefix, options.maxTasks());
        Completions done = new Completions(false);
        WorkerEngine worker = Costq.worker(redis, settings, options.maxTasks(), done);
        worker.start();
        try {
            Samples plain = sequential(options.waitSamples(), "", 202);
            Samples waited = sequential(options.waitSamples(), "?waitMs=5000", 200);
            plain.report(r, "http_seq_post_", 50, 99);
            waited.report(r, "http_waitms_", 50, 99);
            r.put("http_waitms_overhead_vs_post_p50_ms", Results.round(waited.percentileMs(50) - plain.percentileMs(50), 3));
        } finally {
            worker.close();
        }
    }

    private static final int WARM_UP_ROUND_TRIPS = 2_000;

    private Samples sequential(int n, String query, int expect) throws IOException {
        Samples s = new Samples();
        try (HttpLoad load = load(query, expect)) {
            // warms the path up: the API's and, for ?waitMs, the in-bench worker's (JIT-compiled by the earlier
            // phases of a full run, cold with --only http: 50 round trips measured 2.3-3.8 ms p50 there vs 1.2-1.6)
            HttpLoad.Outcome warm = load.closed(WARM_UP_ROUND_TRIPS, 1, null);
            HttpLoad.Outcome o = load.closed(n, 1, s);
            if (warm.errors() + o.errors() > 0) {
                throw new IllegalStateException("POST /v1/jobs" + query + " answered other than " + expect + " "
                        + (warm.errors() + o.errors()) + " times");
            }
        }
        return s;
    }
}
