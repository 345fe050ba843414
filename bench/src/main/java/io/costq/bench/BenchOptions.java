package io.costq.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code ./costq bench}. Validated here, so the phases can trust them.
 *
 * @param jobs            no-op jobs per throughput phase (costq and BullMQ)
 * @param batch           jobs per {@code submitAll} call
 * @param maxTasks        the worker's concurrent task cap (also the policy's cap)
 * @param rates           open-loop submit rates of the Java latency phases, jobs/s
 * @param latencySeconds  length of each open-loop phase
 * @param httpConcurrency in-flight POSTs in the HTTP throughput phase
 * @param waitSamples     sequential {@code ?waitMs} round trips to time
 * @param redisUrl        an existing Redis to use instead of starting one (or null)
 * @param peer            run the BullMQ peer bench on the same Redis
 * @param http            run the HTTP phases against the scheduler-api jar
 * @param json            print one JSON line instead of the table
 * @param onlyHttp        run only the HTTP phases (no Java client phases, no round-trip proxy, no peer)
 * @param onlyThroughput  run only the throughput phases (warm-up, concurrent, pure) of the Java client and the peer
 * @param httpRate        the HTTP open loop's rate, POSTs/s; 0 = half the measured submit rate
 * @param warmup          unmeasured jobs through each side before its throughput phases (costq and BullMQ alike);
 *                        -1: costq warms up in rounds of {@code jobs} until its JIT compiler is mostly idle, and BullMQ gets as many
 */
record BenchOptions(int jobs, int batch, int maxTasks, List<Integer> rates, int latencySeconds, int httpConcurrency,
                    int waitSamples, String redisUrl, boolean peer, boolean http, boolean json, boolean quick,
                    boolean onlyHttp, boolean onlyThroughput, int httpRate, int warmup) {

    static final String USAGE = """
            usage: ./costq bench [--quick] [--json] [--jobs N] [--batch N] [--max-tasks N] [--rates R1,R2]
                                 [--latency-seconds S] [--http-concurrency N] [--wait-samples N]
                                 [--redis-url redis://127.0.0.1:P] [--no-peer] [--no-http] [--only http|throughput]
                                 [--http-rate R] [--warmup N]
              --quick   smoke run: 2,000 jobs, 2 s latency phases, 100 waitMs samples
              --only http   only the HTTP phases (throughput, open loop, sequential and waitMs), no peer
              --only throughput   only the throughput phases (concurrent, pure) of the Java client and the peer
              --http-rate R the HTTP open loop at R POSTs/s (default: half the measured submit rate)
              --warmup N    unmeasured jobs through costq and through BullMQ before their throughput phases
                            (default: rounds of --jobs until the JIT compiler worked < 10 % of a round,
                            3 to 30 rounds; BullMQ then warms up with as many jobs)
              --json    one JSON line on stdout (progress stays on stderr)
            """;

    BenchOptions {
        if (jobs < 100) throw new IllegalArgumentException("--jobs must be >= 100");
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1");
        if (maxTasks < 1) throw new IllegalArgumentException("--max-tasks must be >= 1");
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) throw new IllegalArgumentException("--rates must be positive");
        if (latencySeconds < 1) throw new IllegalArgumentException("--latency-seconds must be >= 1");
        if (httpConcurrency < 1) throw new IllegalArgumentException("--http-concurrency must be >= 1");
        if (waitSamples < 10) throw new IllegalArgumentException("--wait-samples must be >= 10");
        if (httpRate < 0) throw new IllegalArgumentException("--http-rate must be >= 1");
        if (warmup < -1) throw new IllegalArgumentException("--warmup must be >= 0");
        if (onlyHttp && !http) throw new IllegalArgumentException("--only http and --no-http contradict each other");
        rates = List.copyOf(rates);
    }

    static BenchOptions parse(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        int jobs = quick ? 2_000 : 20_000;
        int batch = 1_000;
        int maxTasks = 50;
        List<Integer> rates = List.of(500, 2_000);
        int seconds = quick ? 2 : 10;
        int concurrency = 48;
        int waitSamples = quick ? 100 : 500;
        String redisUrl = null;
        boolean peer = true;
        boolean http = true;
        boolean json = false;
        boolean onlyHttp = false;
        boolean onlyThroughput = false;
        int httpRate = 0;
        int warmup = -1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--json" -> json = true;
                case "--no-peer" -> peer = false;
                case "--no-http" -> http = false;
                case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, a));
                case "--batch" -> batch = Integer.parseInt(value(args, ++i, a));
                case "--max-tasks" -> maxTasks = Integer.parseInt(value(args, ++i, a));
                case "--latency-seconds" -> seconds = Integer.parseInt(value(args, ++i, a));
                case "--http-concurrency" -> concurrency = Integer.parseInt(value(args, ++i, a));
                case "--wait-samples" -> waitSamples = Integer.parseInt(value(args, ++i, a));
                case "--redis-url" -> redisUrl = value(args, ++i, a);
                case "--warmup" -> {
                    warmup = Integer.parseInt(value(args, ++i, a));
                    if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0");
                }
                case "--http-rate" -> {
                    httpRate = Integer.parseInt(value(args, ++i, a));
                    if (httpRate < 1) throw new IllegalArgumentException("--http-rate must be >= 1");
                }
                case "--only" -> {
                    String phase = value(args, ++i, a);
                    switch (phase) {
                        case "http" -> onlyHttp = true;
                        case "throughput" -> onlyThroughput = true;
                        default -> throw new IllegalArgumentException("--only takes http or throughput (was " + phase + ")");
                    }
                }
                case "--rates" -> {
                    List<Integer> r = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) r.add(Integer.parseInt(s.trim()));
                    rates = r;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (onlyHttp && onlyThroughput) throw new IllegalArgumentException("--only takes one of http, throughput");
        if (onlyHttp) peer = false;
        return new BenchOptions(jobs, batch, maxTasks, rates, seconds, concurrency, waitSamples, redisUrl, peer, http, json, quick,
                onlyHttp, onlyThroughput, httpRate, warmup);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) throw new IllegalArgumentException(name + " needs a value");
        return args[i];
    }

    String describe() {
        if (onlyHttp) return jobs + " POSTs, HTTP with " + httpConcurrency + " in flight, open loop for " + latencySeconds
                + " s (HTTP phases only)";
        String warm = warmup < 0 ? "warmed up until the JIT is mostly idle" : "after " + warmup + " warm-up jobs";
        if (onlyThroughput) return jobs + " jobs per throughput phase (batches of " + batch + ", " + warm
                + "), worker maxTasks " + maxTasks + (peer ? ", BullMQ peer" : ", no peer");
        return jobs + " jobs per throughput phase (batches of " + batch + ", " + warm + "), worker maxTasks " + maxTasks
                + ", open loop at " + rates + " jobs/s for " + latencySeconds + " s each"
                + (http ? ", HTTP with " + httpConcurrency + " in flight" : ", no HTTP")
                + (peer ? ", BullMQ peer" : ", no peer");
    }
}
