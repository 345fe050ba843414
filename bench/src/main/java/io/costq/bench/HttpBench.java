package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RedissonClient;

/**
 * The REST path: {@code POST /v1/jobs} against the real scheduler-api process, over keep-alive HTTP/1.1.
 * Submit throughput and the open-loop POST latency run with no worker (they time the API alone); the
 * {@code ?waitMs} round trips run with one worker in the bench process on the API's key prefix.
 */
final class HttpBench {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiProcess api;
    private final RedisProbe probe;
    private final BenchOptions options;

    HttpBench(ApiProcess api, RedisProbe probe, BenchOptions options) {
        this.api = api;
        this.probe = probe;
        this.options = options;
    }

    private HttpRequest post(int i, String query) {
        String body = "{\"user\":\"user" + (i % 16) + "\",\"type\":\"noop\",\"payload\":{}}";
        return HttpRequest.newBuilder(URI.create(api.base + "/v1/jobs" + query)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** POSTs n jobs with the given number in flight; returns jobs/s; counts non-202 answers. */
    double throughput(int n, Results r, String prefix) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.httpConcurrency());
        AtomicLong errors = new AtomicLong();
        RedisStats before = probe.stats();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            http.sendAsync(post(i, ""), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, e) -> {
                if (e != null || resp.statusCode() != 202) errors.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(options.httpConcurrency());
        long t = System.nanoTime() - t0;
        inFlight.release(options.httpConcurrency());
        double rate = JavaThroughput.rate(n, t);
        if (r != null) {
            r.put(prefix + "submit_per_s", rate);
            r.put(prefix + "submit_errors", errors.get());
            r.put(prefix + "concurrency", options.httpConcurrency());
            probe.stats().since(before).report(r, prefix + "submit_", n);
        }
        return rate;
    }

    /** Open loop at the given rate: POST latency from the scheduled send time. */
    void openLoop(int rate, int seconds, Results r) throws InterruptedException {
        Samples latency = new Samples();
        AtomicLong errors = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        long t0 = System.nanoTime();
        int n = OpenLoop.run(rate, seconds, due -> {
            pending.incrementAndGet();
            http.sendAsync(post((int) (due & 0xffff), ""), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, e) -> {
                if (e != null || resp.statusCode() != 202) errors.incrementAndGet();
                else latency.add(System.nanoTime() - due);
                pending.decrementAndGet();
            });
        });
        long tFired = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pending.get() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        r.put("http_open_offered_per_s", rate);
        r.put("http_open_achieved_per_s", JavaThroughput.rate(n, tFired - t0));
        r.put("http_open_errors", errors.get());
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

    private Samples sequential(int n, String query, int expect) throws Exception {
        Samples s = new Samples();
        for (int i = -50; i < n; i++) { // the first 50 warm the path up
            long t0 = System.nanoTime();
            HttpResponse<String> resp = http.send(post(i & 0xffff, query), HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            if (resp.statusCode() != expect) {
                throw new IllegalStateException("POST /v1/jobs" + query + " answered " + resp.statusCode() + ": " + resp.body());
            }
            if (i >= 0) s.add(t);
        }
        return s;
    }
}
