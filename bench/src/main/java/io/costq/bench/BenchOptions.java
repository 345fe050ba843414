package io.costq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options of {@code ./costq bench}, parsed by picocli ({@link Cli}) and validated here, so the phases can trust them.
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

    /** The command line, parsed by picocli: {@code ./costq bench --help} prints it. */
    @Command(name = "costq bench", sortOptions = false,
            description = "Throughput, latency and Redis cost of no-op jobs through costq (Java client and REST API), "
                    + "with the BullMQ peer bench on the same Redis. See bench/README.md.")
    static final class Cli implements Callable<BenchOptions> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;
        @Option(names = "--quick", description = "smoke run: 2,000 jobs, 2 s latency phases, 100 waitMs samples")
        boolean quick;
        @Option(names = "--json", description = "one JSON line on stdout (progress stays on stderr)")
        boolean json;
        @Option(names = "--jobs", paramLabel = "N", description = "no-op jobs per throughput phase, costq and BullMQ (20,000)")
        Integer jobs;
        @Option(names = "--batch", paramLabel = "N", description = "jobs per submitAll call (${DEFAULT-VALUE})", defaultValue = "1000")
        int batch;
        @Option(names = "--max-tasks", paramLabel = "N", description = "the worker's task cap, also the policy's (${DEFAULT-VALUE})",
                defaultValue = "50")
        int maxTasks;
        @Option(names = "--rates", paramLabel = "R1,R2", split = ",", description = "open-loop rates of the Java latency phases, jobs/s (500,2000)")
        List<Integer> rates = new ArrayList<>(List.of(500, 2_000));
        @Option(names = "--latency-seconds", paramLabel = "S", description = "length of each open-loop phase (10)")
        Integer latencySeconds;
        @Option(names = "--http-concurrency", paramLabel = "N", description = "POSTs in flight in the HTTP throughput phase (${DEFAULT-VALUE})",
                defaultValue = "48")
        int httpConcurrency;
        @Option(names = "--wait-samples", paramLabel = "N", description = "sequential ?waitMs round trips to time (500)")
        Integer waitSamples;
        @Option(names = "--redis-url", paramLabel = "URL", description = "use this Redis instead of starting one; it is FLUSHALLed between phases")
        String redisUrl;
        @Option(names = "--no-peer", description = "no BullMQ peer")
        boolean noPeer;
        @Option(names = "--no-http", description = "no HTTP phases")
        boolean noHttp;
        @Option(names = "--only", paramLabel = "http|throughput",
                description = "http: only the HTTP phases, no peer; throughput: only the throughput phases of the Java client and the peer")
        String only;
        @Option(names = "--http-rate", paramLabel = "R", description = "the HTTP open loop at R POSTs/s (default: half the measured submit rate)")
        Integer httpRate;
        @Option(names = "--warmup", paramLabel = "N", description = "unmeasured jobs through costq and through BullMQ before their "
                + "throughput phases (default: rounds of --jobs until the JIT compiler worked < 10 %% of a round, 3 to 30 rounds; "
                + "BullMQ then warms up with as many jobs)")
        Integer warmup;

        @Override
        public BenchOptions call() {
            boolean onlyHttp = "http".equals(only);
            boolean onlyThroughput = "throughput".equals(only);
            if (only != null && !onlyHttp && !onlyThroughput) throw new IllegalArgumentException("--only takes http or throughput (was " + only + ")");
            if (warmup != null && warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0");
            if (httpRate != null && httpRate < 1) throw new IllegalArgumentException("--http-rate must be >= 1");
            return new BenchOptions(jobs != null ? jobs : quick ? 2_000 : 20_000, batch, maxTasks, rates,
                    latencySeconds != null ? latencySeconds : quick ? 2 : 10, httpConcurrency,
                    waitSamples != null ? waitSamples : quick ? 100 : 500, redisUrl, !noPeer && !onlyHttp, !noHttp, json, quick,
                    onlyHttp, onlyThroughput, httpRate == null ? 0 : httpRate, warmup == null ? -1 : warmup);
        }
    }

    /** The options of {@code args}; prints the problem (or the help) and exits 2 (0 for --help) when there are none. */
    static BenchOptions parseOrExit(String[] args) {
        return BenchSupport.parseOrExit("costq bench", new Cli(), args);
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
