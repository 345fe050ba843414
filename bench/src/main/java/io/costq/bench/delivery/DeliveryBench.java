package io.costq.bench.delivery;

import io.costq.bench.BenchSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.bench.LocalRedis;
import io.costq.core.RedisConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RedissonClient;

/**
 * {@code bench/delivery.sh}: the issue-4 benchmark of ordered delivery (ordering keys + ack-or-timeout) and delivery
 * channels (width, rate), with three in-JVM worker engines on the bench's own redis-server (free port, never 6379).
 * Prints a report, or one JSON line with {@code --json}; progress goes to stderr. Exits 1 when an order was
 * violated, a channel's width was exceeded, or a part did not complete.
 */
public final class DeliveryBench {
    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchSupport.optionsOrExit("delivery bench", Options.USAGE, Options::parse, args);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bench", "delivery");
        r.put("at", Instant.now().toString());
        r.put("mode", o.quick() ? "quick" : "full");
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("workers", o.workers());
        r.put("max_tasks", o.maxTasks());
        r.put("seed", o.seed());
        r.put("idle_wait_ms", o.idleWaitMs() > 0 ? o.idleWaitMs() : io.costq.model.PolicySettings.DEFAULT.idleWaitMs());
        r.put("load_start", BenchSupport.loadAverage());
        boolean ok = true;
        LocalRedis local = LocalRedis.start();
        Thread hook = new Thread(() -> BenchSupport.closeQuietly(local), "delivery-bench-redis");
        Runtime.getRuntime().addShutdownHook(hook);
        RedissonClient redis = null;
        RedissonClient webhookRedis = null;
        try {
            log("redis-server started on port " + local.port());
            redis = RedisConnector.connect(local.url(), null, 64);
            webhookRedis = RedisConnector.connect(local.url(), null, 32);
            if (!o.skipOrdered()) {
                Map<String, Object> ordered = new OrderedRun(o).run(redis, webhookRedis);
                r.put("ordered", ordered);
                ok &= Boolean.TRUE.equals(ordered.get("complete")) && (int) ordered.get("order_violations") == 0;
                r.put("load_after_ordered", BenchSupport.loadAverage());
            }
            if (!o.skipChannels()) {
                Map<String, Object> width = new ChannelRun(o, "width", o.channelJobs(), 0).run(redis);
                r.put("channel_width", width);
                ok &= Boolean.TRUE.equals(width.get("complete")) && (int) width.get("max_concurrency") <= o.width();
                if (o.rate() > 0) {
                    Map<String, Object> rated = new ChannelRun(o, "width+rate", o.rateJobs(), o.rate()).run(redis);
                    r.put("channel_rate", rated);
                    ok &= Boolean.TRUE.equals(rated.get("complete")) && (int) rated.get("max_concurrency") <= o.width();
                }
            }
            r.put("load_end", BenchSupport.loadAverage());
            r.put("ok", ok);
        } finally {
            if (webhookRedis != null) webhookRedis.shutdown();
            if (redis != null) redis.shutdown();
            BenchSupport.closeQuietly(local);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        System.out.println(o.json() ? new ObjectMapper().writeValueAsString(r) : render(r, o));
        System.exit(ok ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static String render(Map<String, Object> r, Options o) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("costq delivery bench (%s): %s cores, %s in-JVM workers x %s tasks, idle wait %s ms, seed %s%n",
                r.get("mode"), r.get("cores"), r.get("workers"), r.get("max_tasks"), r.get("idle_wait_ms"), r.get("seed")));
        b.append("load average: start ").append(r.get("load_start"));
        if (r.containsKey("load_after_ordered")) b.append(", after ordered ").append(r.get("load_after_ordered"));
        b.append(", end ").append(r.get("load_end")).append('\n');
        if (r.get("ordered") instanceof Map<?, ?> m0) {
            Map<String, Object> m = (Map<String, Object>) m0;
            if (m.containsKey("control")) b.append("\nCONTROL RUN: ").append(m.get("control"));
            b.append(String.format("%nOrdered: %,d keys x %d = %,d messages, awaitAck, ack after %s ms, %s%% never acked "
                            + "(%,d; ack timeout %s ms); send %s ms%n", m.get("keys"), m.get("messages_per_key"),
                    m.get("messages"), m.get("ack_delay_ms"), m.get("never_acked_pct"), m.get("never_acked"),
                    m.get("ack_timeout_ms"), m.get("send_ms")));
            row(b, "submitted (submitAll)", m.get("submit_s") + " s (" + m.get("submit_per_s") + "/s)");
            row(b, "all done in", m.get("run_s") + " s" + (Boolean.TRUE.equals(m.get("complete")) ? "" : "  (INCOMPLETE)"));
            row(b, "messages/s", m.get("messages_per_s") + "  (first 90% sent after " + m.get("first_90pct_sent_s")
                    + " s: " + m.get("first_90pct_per_s") + "/s)");
            row(b, "added delay p50 / p99 / max", m.get("added_delay_p50_ms") + " / " + m.get("added_delay_p99_ms") + " / "
                    + m.get("added_delay_max_ms") + " ms  (" + m.get("added_delay_samples") + " messages with a predecessor)");
            row(b, "  after an ack p50 / p99", m.get("after_ack_p50_ms") + " / " + m.get("after_ack_p99_ms") + " ms");
            row(b, "  after a timeout p50 / p99 / max", m.get("after_timeout_p50_ms") + " / " + m.get("after_timeout_p99_ms")
                    + " / " + m.get("after_timeout_max_ms") + " ms  (from the ack deadline)");
            row(b, "  timeout applied late by p50 / p99 / max", m.get("timeout_reaper_lag_p50_ms") + " / "
                    + m.get("timeout_reaper_lag_p99_ms") + " / " + m.get("timeout_reaper_lag_max_ms") + " ms");
            row(b, "  release recorded -> start p50 / p99", m.get("release_to_start_p50_ms") + " / "
                    + m.get("release_to_start_p99_ms") + " ms");
            row(b, "order violations", m.get("order_violations") + (((List<?>) m.get("order_violation_examples")).isEmpty() ? ""
                    : "  e.g. " + m.get("order_violation_examples")));
            row(b, "released by timeout (by design)", m.get("released_by_timeout"));
            row(b, "ended acked / timeout", m.get("ended_acked") + " / " + m.get("ended_timeout") + "  (statuses "
                    + m.get("statuses") + ")");
            row(b, "ack calls", m.get("ack_call_outcomes") + ", errors " + m.get("ack_call_errors"));
            row(b, "  acks that came after the timeout", m.get("acks_after_timeout") + "  (webhook late vs plan: p99 "
                    + m.get("webhook_lag_p99_ms") + " ms, max " + m.get("webhook_lag_max_ms") + " ms)");
            row(b, "re-runs / missing stamps", m.get("reruns") + " / " + m.get("missing_stamps"));
            row(b, "stamps: startedAt < predecessor finishedAt", m.get("startedAt_before_predecessor_finishedAt") + " (by up to "
                    + m.get("startedAt_before_predecessor_finishedAt_max_ms") + " ms; both stamped before their round trips)");
        }
        for (String part : List.of("channel_width", "channel_rate")) {
            if (!(r.get(part) instanceof Map<?, ?> m0)) continue;
            Map<String, Object> m = (Map<String, Object>) m0;
            double rate = ((Number) m.get("rate_per_s")).doubleValue();
            b.append(String.format("%nChannel of width %s%s: %,d jobs of %s ms%n", m.get("width"),
                    rate > 0 ? String.format(" and %.0f/s", rate) : "", m.get("jobs"), m.get("job_ms")));
            row(b, "all done in", m.get("run_s") + " s" + (Boolean.TRUE.equals(m.get("complete")) ? "" : "  (INCOMPLETE)"));
            row(b, "max concurrency (handler)", m.get("max_concurrency") + " of width " + m.get("width")
                    + (((Number) m.get("starts_over_width")).intValue() > 0 ? "  EXCEEDED " + m.get("starts_over_width") + " times" : ""));
            row(b, "mean concurrency", m.get("mean_concurrency"));
            row(b, "achieved rate", m.get("achieved_per_s") + "/s" + (rate > 0 ? String.format(" vs %.0f/s configured (%s)",
                    rate, m.get("achieved_vs_rate")) : "") + ", most starts in any 1 s: " + m.get("max_starts_in_1s"));
            if (m.containsKey("steady_per_s")) {
                row(b, "  in the second half of the run", m.get("steady_per_s") + "/s ("
                        + m.get("steady_vs_rate") + " of the configured rate)");
                row(b, "  starts above burst + rate x elapsed", m.get("rate_envelope_max_excess") + " at most (burst "
                        + Math.round(Math.max(1, rate)) + ")");
            }
            row(b, "permits in use (sampled max) / at end", m.get("max_permits_in_use_sampled") + " / " + m.get("permits_in_use_at_end"));
        }
        b.append(String.format("%nresult: %s%n", Boolean.TRUE.equals(r.get("ok")) ? "OK" : "FAILED"));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Object value) {
        b.append(String.format("  %-42s %s%n", name, value));
    }

    static void log(String message) {
        System.err.println("delivery: " + message);
    }

}
