package io.costq.bench.replay;

import io.costq.bench.BenchSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.worker.WorkerEngine;
import io.costq.model.ClassifierSettings;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;
import io.costq.model.sim.ClusterConfig;
import io.costq.model.sim.JobTimes;
import io.costq.model.sim.Percentiles;
import io.costq.model.sim.SettingsOverrides;
import io.costq.model.sim.SimResult;
import io.costq.model.sim.Simulator;
import io.costq.model.sim.TraceIo;
import io.costq.model.sim.TraceJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.api.RedissonClient;

/**
 * {@code bench/replay.sh}: issue 8 item 4, the live replay. Replays a trace ({@code arrival_ms,user,cost_ms})
 * time-scaled through costq against in-JVM worker engines on the bench's own redis-server, each node emulating the
 * simulator's node model (a processor-sharing {@link VirtualCpu} of C cores at speed s, optional downstream wait as
 * a plain sleep, a CPU meter of min(1, CPU-phase tasks / C)), and prints its response times (in trace time) side
 * by side with the simulator's ({@code SimulatorMain --json}, policy costq) on the same trace and settings, and with
 * the simulator's given the per-job overhead the replay measured (claim, handler thread start, completion write).
 *
 * <p>Every time-valued setting is divided by the scale so the replay is the trace's run at a faster clock: job
 * costs, the classifier's fixed bounds, the estimator's default prior, the policy's idle wait, guard line, fill-in
 * bound and deferral.
 */
public final class ReplayMain {
    static final String USAGE = """
            usage: ReplayMain --trace FILE [--scale 20] [--nodes 5] [--cores 8] [--speeds 1,1,..] [--io-frac F]
                              [--thrash K] [--max-tasks 64] [--set key=value ...] [--out FILE.csv] [--warmup-jobs 600] [--json]
            Replays FILE through costq (5 in-JVM workers on a private redis-server) at SCALE x speed; prints replay vs
            simulator (policy costq, same nodes/cores/speeds/io-frac/thrash). --set overrides a setting on both sides, with
            the simulator's keys (policy.deferMs=0, classes.bounds=..., see docs/scheduling.md); --out writes one CSV
            line per job; --warmup-jobs N first replays the trace's first N jobs under their own key prefix, not counted.
            """;

    private ReplayMain() {
    }

    record Options(Path trace, double scale, int nodes, int cores, double[] speeds, double ioFrac, double thrash,
                   int maxTasks, Path out, boolean json, SettingsOverrides overrides, int warmupJobs) {
        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            List<String> sets = new ArrayList<>();
            boolean json = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) throw new IllegalArgumentException("help");
                if (a.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!a.startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("bad argument " + a);
                if (a.equals("--set")) sets.add(args[++i]); else m.put(a.substring(2), args[++i]);
            }
            for (String k : m.keySet()) {
                if (!List.of("trace", "scale", "nodes", "cores", "speeds", "io-frac", "thrash", "max-tasks", "out", "warmup-jobs").contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            if (!m.containsKey("trace")) throw new IllegalArgumentException("--trace FILE is required");
            int nodes = Integer.parseInt(m.getOrDefault("nodes", "5"));
            double[] speeds = new double[nodes];
            Arrays.fill(speeds, 1.0);
            if (m.containsKey("speeds")) {
                String[] s = m.get("speeds").split(",");
                if (s.length != nodes) throw new IllegalArgumentException("--speeds needs " + nodes + " values");
                for (int i = 0; i < nodes; i++) speeds[i] = Double.parseDouble(s[i].trim());
            }
            Options o = new Options(Path.of(m.get("trace")), Double.parseDouble(m.getOrDefault("scale", "20")), nodes,
                    Integer.parseInt(m.getOrDefault("cores", "8")), speeds, Double.parseDouble(m.getOrDefault("io-frac", "0")),
                    Double.parseDouble(m.getOrDefault("thrash", "0")), Integer.parseInt(m.getOrDefault("max-tasks", "64")),
                    m.containsKey("out") ? Path.of(m.get("out")) : null, json, SettingsOverrides.parse(sets),
                    Integer.parseInt(m.getOrDefault("warmup-jobs", "600")));
            if (!(o.scale >= 1) || o.nodes < 1 || o.cores < 1 || o.ioFrac < 0 || o.ioFrac >= 1 || o.thrash < 0 || o.warmupJobs < 0) {
                throw new IllegalArgumentException("need scale >= 1, nodes >= 1, cores >= 1, 0 <= io-frac < 1, thrash >= 0");
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchSupport.optionsOrExit("replay", USAGE, Options::parse, args);
        List<TraceJob> trace = TraceIo.read(o.trace);
        ClusterConfig config = new ClusterConfig(o.nodes, o.cores, o.speeds, o.thrash, o.ioFrac, 0, 256);
        log("trace " + o.trace + ": " + trace.size() + " jobs over " + trace.get(trace.size() - 1).arrivalMs() / 1000 + " s; "
                + config.describe() + "; scale " + o.scale + "x");
        JobTimes[] simJobs = new JobTimes[trace.size()];
        SimResult sim = new Simulator(config, 0).run(trace, "costq", o.overrides, t -> simJobs[(int) t.index()] = t);
        log("simulator: " + sim.toJson());
        String load = BenchSupport.loadAverage();
        Replay replay = replay(o, trace, simJobs);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bench", "replay");
        r.put("trace", o.trace.toString());
        r.put("scale", o.scale);
        r.put("nodes", o.nodes);
        r.put("cores", o.cores);
        r.put("speeds", o.speeds);
        r.put("io_frac", o.ioFrac);
        r.put("thrash", o.thrash);
        r.put("machine_cores", Runtime.getRuntime().availableProcessors());
        r.put("load_start", load);
        r.put("load_end", BenchSupport.loadAverage());
        r.put("sim", new ObjectMapper().readTree(sim.toJson()));
        r.put("replay", replay.stats);
        r.put("mean_ratio", BenchSupport.round(replay.stats.get("mean_ms") / sim.meanMs(), 3));
        r.put("p99_ratio", BenchSupport.round(replay.stats.get("p99_ms") / sim.p99Ms(), 3));
        // the model again with the per-job overhead the replay measured (claim, thread start, completion write)
        SimResult simOverhead = new Simulator(config.withOverheadMs(replay.overheadMs), 0).run(trace, "costq", o.overrides);
        r.put("overhead_ms", BenchSupport.round(replay.overheadMs, 1));
        r.put("sim_overhead", new ObjectMapper().readTree(simOverhead.toJson()));
        r.put("mean_ratio_overhead", BenchSupport.round(replay.stats.get("mean_ms") / simOverhead.meanMs(), 3));
        r.put("p99_ratio_overhead", BenchSupport.round(replay.stats.get("p99_ms") / simOverhead.p99Ms(), 3));
        r.put("replay_wall_s", BenchSupport.round(replay.wallS, 1));
        r.put("submit_lag_p99_ms", BenchSupport.round(replay.submitLagP99Ms, 1));
        r.put("incomplete", replay.incomplete);
        if (o.json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.print(render(sim, simOverhead, replay, o, r));
        }
        System.exit(replay.incomplete == 0 ? 0 : 1);
    }

    /** @param overheadMs per job, trace ms: started to finished less the handler's own time (claim, thread start, completion write) */
    record Replay(Map<String, Double> stats, double wallS, double submitLagP99Ms, int incomplete, double overheadMs) {
    }

    static CostqSettings settings(double scale, SettingsOverrides overrides) {
        CostqSettings d = CostqSettings.defaults("replay-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        EstimatorSettings e = overrides.estimator(d.estimator());
        ClassifierSettings c = overrides.classifier(d.classifier());
        PolicySettings p = overrides.policy(d.policy());
        EstimatorSettings es = new EstimatorSettings(e.window(), e.scheme(), e.decay(), e.explicitWeights(),
                Math.round(e.defaultPriorMs() / scale), e.typePriorsMs());
        ClassifierSettings cs = new ClassifierSettings(c.classes(), c.mode(),
                c.fixedUpper().stream().map(b -> Math.max(1L, Math.round(b / scale))).toList(), c.minSamples());
        PolicySettings ps = new PolicySettings(p.cpuThreshold(), p.maxTasks(), Math.round(p.fillInMaxMs() / scale),
                Math.max(1, Math.round(p.idleWaitMs() / scale)), p.slotsPerCore(), Math.round(p.starvationMs() / scale),
                Math.round(p.deferMs() / scale), Math.round(p.projectedMs() / scale), p.batchReserve());
        return new CostqSettings(d.keyPrefix(), es, cs, ps, d.jobs(), d.lease(), d.retry(), d.delivery(), d.cluster());
    }

    private static Replay replay(Options o, List<TraceJob> trace, JobTimes[] simJobs) throws Exception {
        CostqSettings settings = settings(o.scale, o.overrides);
        log("settings (time values / " + o.scale + "): " + settings.policy().describe() + "; " + settings.classifier().describe()
                + "; prior " + settings.estimator().defaultPriorMs() + " ms");
        RedisServerProcess local = RedisServerProcess.start();
        Thread hook = new Thread(() -> BenchSupport.closeQuietly(local), "replay-redis");
        Runtime.getRuntime().addShutdownHook(hook);
        RedissonClient redis = null;
        List<WorkerEngine> engines = new ArrayList<>();
        try {
            redis = RedisConnector.connect(local.url(), null, 64);
            log("redis-server on port " + local.port());
            warmUp(redis, o, trace);
            engines.addAll(ReplayNodes.start(redis, settings, o, "replay-w"));
            int n = trace.size();
            try (CostqClient client = ReplayNodes.client(redis, settings)) {
                ReplayNodes.Sent sent = ReplayNodes.submit(client, trace, o.scale);
                long[] plannedMs = sent.plannedMs();
                long t0Nanos = sent.t0Nanos();
                JobView[] views = ReplayNodes.collect(client, sent.ids(), 600_000);
                int left = (int) Arrays.stream(views).filter(v -> v == null).count();
                double wallS = (System.nanoTime() - t0Nanos) / 1e9;
                log("all done in " + Math.round(wallS) + " s wall" + (left > 0 ? " (" + left + " INCOMPLETE)" : ""));
                double[] resp = new double[n - left];
                double[] lag = new double[n - left];
                double overheadSum = 0; // real ms; durationMs is floored (0.5 ms short on average), the stamps' difference is not
                long overheadJobs = 0;
                int c = 0;
                long over60 = 0;
                long failed = 0;
                PrintWriter csv = o.out == null ? null : new PrintWriter(Files.newBufferedWriter(o.out));
                if (csv != null) csv.println(CSV_HEADER);
                for (int k = 0; k < n; k++) {
                    JobView v = views[k];
                    if (v == null) continue;
                    if (!"SUCCEEDED".equals(v.status().name())) failed++;
                    double response = (v.finishedAt() - v.queuedAt()) * o.scale;
                    resp[c] = response;
                    lag[c++] = v.queuedAt() - plannedMs[k];
                    if (response > 60_000) over60++;
                    if (v.startedAt() != null && v.durationMs() != null) {
                        overheadSum += v.finishedAt() - v.startedAt() - v.durationMs() - 0.5;
                        overheadJobs++;
                    }
                    if (csv != null) csv.print(csvLine(trace.get(k), v, o.scale, v.queuedAt() - plannedMs[k], simJobs[k]));
                }
                if (csv != null) csv.close();
                if (failed > 0) log(failed + " jobs did not succeed");
                Arrays.sort(resp);
                Arrays.sort(lag);
                Map<String, Double> s = new LinkedHashMap<>();
                s.put("jobs", (double) resp.length);
                s.put("mean_ms", Arrays.stream(resp).average().orElse(0));
                s.put("p50_ms", Percentiles.nearestRank(resp, 0.50));
                s.put("p95_ms", Percentiles.nearestRank(resp, 0.95));
                s.put("p99_ms", Percentiles.nearestRank(resp, 0.99));
                s.put("max_ms", resp.length == 0 ? 0 : resp[resp.length - 1]);
                s.put("over_60s_fraction", resp.length == 0 ? 0 : (double) over60 / resp.length);
                s.put("not_succeeded", (double) failed);
                double overhead = overheadJobs == 0 ? 0 : Math.max(0, overheadSum / overheadJobs) * o.scale;
                return new Replay(s, wallS, Percentiles.nearestRank(lag, 0.99), left, overhead);
            }
        } finally {
            engines.forEach(WorkerEngine::close);
            if (redis != null) redis.shutdown();
            BenchSupport.closeQuietly(local);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    static final String CSV_HEADER = "arrival_ms,user,cost_ms,status,node,response_ms,wait_ms,submit_lag_ms,"
            + "run_ms,handler_ms,sim_node,sim_response_ms,sim_wait_ms";

    /**
     * One job of {@code --out}, trace ms: the replay's response, wait (queued to started), submit lag (real ms), run
     * (started to finished: claim, handler, completion write) and the handler's own time; the simulator's node,
     * response and wait for the same trace line.
     */
    static String csvLine(TraceJob j, JobView v, double scale, long submitLagMs, JobTimes sim) {
        double wait = v.startedAt() == null ? Double.NaN : (v.startedAt() - v.queuedAt()) * scale;
        double run = v.startedAt() == null ? Double.NaN : (v.finishedAt() - v.startedAt()) * scale;
        double handler = v.durationMs() == null ? Double.NaN : v.durationMs() * scale;
        return String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%.0f,%.0f,%d,%.0f,%.0f,%d,%.1f,%.1f%n", j.arrivalMs(), j.user(),
                j.costMs(), v.status(), v.node(), (v.finishedAt() - v.queuedAt()) * scale, wait, submitLagMs, run, handler,
                sim.node(), sim.finishedMs() - sim.arrivalMs(), sim.waitMs());
    }

    /**
     * Warms the JVM up (JIT, connections, scripts) on the first {@code --warmup-jobs} jobs of the trace, replayed as
     * the run will be but under a key prefix of their own, so that nothing they teach (histories, class bounds)
     * reaches the measured run; the product under steady load is warm, a replay's first seconds are not.
     */
    private static void warmUp(RedissonClient redis, Options o, List<TraceJob> trace) throws Exception {
        int k = Math.min(trace.size(), o.warmupJobs);
        if (k == 0) return;
        CostqSettings s = settings(o.scale, o.overrides); // a fresh key prefix
        List<WorkerEngine> nodes = ReplayNodes.start(redis, s, o, "warmup-w");
        try (CostqClient client = ReplayNodes.client(redis, s)) {
            long t0 = System.nanoTime();
            ReplayNodes.collect(client, ReplayNodes.submit(client, trace.subList(0, k), o.scale).ids(), 120_000);
            log(String.format(Locale.ROOT, "warm-up: %d jobs under their own prefix in %.1f s (not counted)", k, (System.nanoTime() - t0) / 1e9));
        } finally {
            nodes.forEach(WorkerEngine::close);
        }
    }

    private static String render(SimResult sim, SimResult simOverhead, Replay replay, Options o, Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "live replay of %s: %s nodes x %s cores, speeds %s, io-frac %s, thrash %s, %sx faster; "
                        + "machine %s cores, load %s -> %s; replay took %.0f s wall, submit lag p99 %.1f ms%n",
                o.trace, o.nodes, o.cores, Arrays.toString(o.speeds), o.ioFrac, o.thrash, o.scale, r.get("machine_cores"),
                r.get("load_start"), r.get("load_end"), replay.wallS, replay.submitLagP99Ms));
        b.append("seconds of trace time\n\n");
        b.append("| run            |   jobs |  mean s |   p50 s |   p95 s |   p99 s |   max s |   >60 s |\n");
        b.append("|----------------|-------:|--------:|--------:|--------:|--------:|--------:|--------:|\n");
        b.append(row("simulator", sim.jobs(), sim.meanMs(), sim.p50Ms(), sim.p95Ms(), sim.p99Ms(), sim.maxMs(), sim.over60sFraction()));
        b.append(row("sim + overhead", simOverhead.jobs(), simOverhead.meanMs(), simOverhead.p50Ms(), simOverhead.p95Ms(),
                simOverhead.p99Ms(), simOverhead.maxMs(), simOverhead.over60sFraction()));
        Map<String, Double> s = replay.stats;
        b.append(row("live replay", s.get("jobs").longValue(), s.get("mean_ms"), s.get("p50_ms"), s.get("p95_ms"), s.get("p99_ms"),
                s.get("max_ms"), s.get("over_60s_fraction")));
        b.append(String.format(Locale.ROOT, "%nreplay / simulator: mean %.3f, p99 %.3f%s%n", r.get("mean_ratio"), r.get("p99_ratio"),
                replay.incomplete > 0 ? "  (" + replay.incomplete + " jobs INCOMPLETE)" : ""));
        b.append(String.format(Locale.ROOT, "replay / simulator with the measured per-job overhead (%.1f ms of trace time: claim, "
                + "handler thread start, completion write): mean %.3f, p99 %.3f%n", replay.overheadMs, r.get("mean_ratio_overhead"),
                r.get("p99_ratio_overhead")));
        return b.toString();
    }

    private static String row(String name, long jobs, double mean, double p50, double p95, double p99, double max, double over) {
        return String.format(Locale.ROOT, "| %-14s | %6d | %7.2f | %7.2f | %7.2f | %7.2f | %7.1f | %6.3f%% |%n", name, jobs,
                mean / 1000, p50 / 1000, p95 / 1000, p99 / 1000, max / 1000, over * 100);
    }

    static void log(String message) {
        System.err.println("replay: " + message);
    }

}
