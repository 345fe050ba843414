package io.costq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/** The readable table: costq next to BullMQ, then round trips, latency, HTTP, the targets. */
final class Report {
    private final Results r;
    private final JsonNode peer;
    private final StringBuilder out = new StringBuilder();

    Report(Results r, JsonNode peer) {
        this.r = r;
        this.peer = peer;
    }

    String render() {
        line("costq bench — %s", r.get("setup"));
        line("machine: %s cores, load average %s at start, %s at end; Redis %s", r.get("cores"), r.get("load_start"),
                r.get("load_end"), r.get("redis_version"));
        if (r.get("warmup_jobs") != null) line("warm-up before the throughput phases: %s jobs through costq%s", r.get("warmup_jobs"),
                peer != null ? ", as many through BullMQ" : "");
        line("");
        if (r.get("enqueue_per_s") == null) return httpOnly(); // --only http
        line("%-34s %12s %12s %14s", "no-op jobs, one worker", "costq", "BullMQ", "costq÷BullMQ");
        peerRow("enqueue jobs/s", "enqueue_per_s");
        peerRow("drain jobs/s", "drain_per_s");
        peerRow("e2e jobs/s", "e2e_per_s");
        peerRow("pure enqueue jobs/s", "pure_enqueue_per_s");
        peerRow("pure drain jobs/s", "pure_drain_per_s");
        peerRow("Redis cmds/job", "redis_cmds_per_job");
        peerRow("Redis script calls/job", "redis_scripts_per_job");
        peerRow("Redis CPU µs/job", "redis_cpu_us_per_job");
        peerRow("client CPU µs/job (JVM | Node)", "client_cpu_us_per_job");
        if (r.get("client_jit_ms") != null) line("  JIT compiler time in the concurrent phase: %s ms", r.get("client_jit_ms"));
        peerRow("  pure enqueue: Redis CPU µs/job", "pure_enqueue_redis_cpu_us_per_job");
        peerRow("  pure drain: Redis CPU µs/job", "pure_drain_redis_cpu_us_per_job");
        if (peer == null) line("  (BullMQ: %s)", r.get("peer_skipped"));
        line("");
        commandBreakdown();
        line("");
        if (r.get("rt_single_round_trips_per_job") != null) {
            line("client round trips per job (counting proxy; submit → result recorded)");
            line("  single submit: %s (submit %s + worker %s); %s client cmds/job, %s Redis cmds/job",
                    r.get("rt_single_round_trips_per_job"), r.get("rt_single_submit_round_trips_per_job"),
                    r.get("rt_single_worker_round_trips_per_job"), r.get("rt_single_client_cmds_per_job"),
                    r.get("rt_single_redis_cmds_per_job"));
            line("  submitAll:     %s (submit %s + worker %s); %s client cmds/job, %s Redis cmds/job",
                    r.get("rt_bulk_round_trips_per_job"), r.get("rt_bulk_submit_round_trips_per_job"),
                    r.get("rt_bulk_worker_round_trips_per_job"), r.get("rt_bulk_client_cmds_per_job"),
                    r.get("rt_bulk_redis_cmds_per_job"));
            line("  round trips/job by first command, submit side: %s", r.get("rt_single_submit_round_trips_breakdown"));
            line("  round trips/job by first command, worker side: %s", r.get("rt_single_worker_round_trips_breakdown"));
            line("");
        }
        if (r.get("latency_rates") == null) { // --only throughput
            line("(--only throughput: no round-trip, latency or HTTP phases)");
            return out.toString();
        }
        line("%-40s %8s %8s %8s %8s", "Java client latency, open loop (ms)", "p50", "p95", "p99", "errors");
        for (String key : latencyRates()) {
            String p = "lat_" + key + "_";
            line("  %s jobs/s (achieved %s):", key, r.get(p + "achieved_per_s"));
            line("%-40s %8s %8s %8s %8s", "    submit returned", r.get(p + "submit_p50_ms"), "", r.get(p + "submit_p99_ms"), r.get(p + "errors"));
            line("%-40s %8s %8s %8s", "    submit → start (claimed)", r.get(p + "start_p50_ms"), r.get(p + "start_p95_ms"), r.get(p + "start_p99_ms"));
            line("%-40s %8s %8s %8s", "    submit → result visible", r.get(p + "visible_p50_ms"), r.get(p + "visible_p95_ms"), r.get(p + "visible_p99_ms"));
        }
        line("");
        http();
        line("");
        line("targets (issue 7)");
        target("e2e jobs/s ≥ 1.5 × BullMQ", ratio("e2e_per_s"), v -> v >= 1.5, "×");
        Double cpu = ratio("redis_cpu_us_per_job");
        target("Redis CPU/job ≤ 0.5 × BullMQ", cpu, v -> v <= 0.5, "×");
        target("≤ 3 round trips/job (single submit)", r.number("rt_single_round_trips_per_job"), v -> v <= 3, "");
        target("≤ 3 round trips/job (submitAll)", r.number("rt_bulk_round_trips_per_job"), v -> v <= 3, "");
        httpTargets();
        return out.toString();
    }

    private String httpOnly() {
        http();
        line("");
        line("targets (issue 7, HTTP only)");
        httpTargets();
        return out.toString();
    }

    private void httpTargets() {
        target("HTTP submit ≥ 5,000 jobs/s", r.number("http_submit_per_s"), v -> v >= 5_000, " jobs/s");
        target("HTTP POST p99 ≤ 5 ms at half rate", r.number("http_open_post_p99_ms"), v -> v <= 5, " ms");
        target("waitMs overhead ≤ 2 ms p50", r.number("http_waitms_p50_ms"), v -> v <= 2, " ms");
    }

    private void http() {
        if (r.get("http_submit_per_s") != null) {
            line("HTTP (scheduler-api jar, keep-alive HTTP/1.1)");
            line("  submit throughput: %s jobs/s with %s in flight (%s errors); %s Redis cmds/job, %s Redis CPU µs/job",
                    r.get("http_submit_per_s"), r.get("http_concurrency"), r.get("http_submit_errors"),
                    r.get("http_submit_redis_cmds_per_job"), r.get("http_submit_redis_cpu_us_per_job"));
            line("    CPU µs/job: API process %s, bench JVM (load generator) %s, Redis %s",
                    r.get("http_submit_api_cpu_us_per_job"), r.get("http_submit_bench_cpu_us_per_job"),
                    r.get("http_submit_redis_cpu_us_per_job"));
            line("  open loop at %s jobs/s (achieved %s): POST p50 %s ms, p95 %s ms, p99 %s ms (%s errors)",
                    r.get("http_open_offered_per_s"), r.get("http_open_achieved_per_s"), r.get("http_open_post_p50_ms"),
                    r.get("http_open_post_p95_ms"), r.get("http_open_post_p99_ms"), r.get("http_open_errors"));
            line("  sequential POST round trip: p50 %s ms, p99 %s ms", r.get("http_seq_post_p50_ms"), r.get("http_seq_post_p99_ms"));
            line("  POST ?waitMs of a 0 ms noop job: p50 %s ms, p99 %s ms (p50 %s ms over a plain POST)",
                    r.get("http_waitms_p50_ms"), r.get("http_waitms_p99_ms"), r.get("http_waitms_overhead_vs_post_p50_ms"));
        } else {
            line("HTTP: %s", r.get("http_skipped") == null ? "--no-http" : r.get("http_skipped"));
        }
    }

    private Iterable<String> latencyRates() {
        Object rates = r.get("latency_rates");
        return rates instanceof java.util.List<?> l ? l.stream().map(String::valueOf).toList() : java.util.List.of();
    }

    private Double ratio(String key) {
        Double mine = r.number(key);
        if (peer == null || mine == null || !peer.hasNonNull(key) || peer.get(key).asDouble() == 0) return null;
        return mine / peer.get(key).asDouble();
    }

    private void peerRow(String label, String key) {
        Double mine = r.number(key);
        String theirs = peer != null && peer.hasNonNull(key) ? fmt(peer.get(key).asDouble()) : "—";
        Double ratio = ratio(key);
        line("%-34s %12s %12s %14s", label, mine == null ? "—" : fmt(mine), theirs, ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio));
    }

    private void target(String what, Double value, java.util.function.DoublePredicate ok, String unit) {
        String v = value == null ? "not measured" : String.format(Locale.ROOT, "%.2f%s", value, unit);
        String verdict = value == null ? "—" : ok.test(value) ? "MET" : "NOT MET";
        line("  %-40s %-18s %s", what, v, verdict);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** Redis commands per job in the concurrent phase, by command (commandstats; includes calls made inside Lua). */
    private void commandBreakdown() {
        if (!(r.get("redis_cmd_breakdown_per_job") instanceof Map<?, ?> mine)) return;
        JsonNode theirs = peer == null ? null : peer.get("redis_cmd_breakdown_per_job");
        line("%-34s %12s %12s %12s", "Redis commands per job (concurrent)", "costq calls", "costq µs", "BullMQ calls");
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        mine.keySet().forEach(k -> names.add(String.valueOf(k)));
        if (theirs != null) theirs.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            Map<?, ?> m = mine.get(name) instanceof Map<?, ?> x ? x : null;
            String calls = m == null ? "—" : String.valueOf(m.get("calls"));
            String usec = m == null ? "—" : String.valueOf(m.get("usec"));
            String peerCalls = theirs != null && theirs.has(name) ? theirs.get(name).asText() : "—";
            line("  %-32s %12s %12s %12s", name, calls, usec, peerCalls);
        }
    }
}
