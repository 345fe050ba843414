package io.costq.bench.delivery;

/** Command line of {@link DeliveryBench}. */
record Options(boolean quick, boolean json, int keys, int perKey, long ackTimeoutMs, int noAckPercent, int maxAckDelayMs,
               int sendMaxMs, int channelJobs, int width, double rate, int rateJobs, int workers, int maxTasks, long seed,
               boolean skipOrdered, boolean skipChannels, boolean control, long idleWaitMs) {

    static final String USAGE = """
            usage: bench/delivery.sh [--quick] [--json] [--keys 25000] [--per-key 4] [--ack-timeout-ms 1000]
                                     [--no-ack-pct 10] [--max-ack-delay-ms 100] [--send-max-ms 1]
                                     [--channel-jobs 20000] [--width 8] [--rate 500] [--rate-jobs 20000]
                                     [--workers 3] [--max-tasks 64] [--seed N] [--only ordered|channels] [--control]
                                     [--idle-wait-ms 200 (the policy default)]
              --quick   smoke run: 2,500 keys, 2,000 channel jobs per variant
              --json    one JSON line on stdout instead of the report (progress always goes to stderr)
              --control submits the ordered messages WITHOUT ordering keys: a check of the checks (it must
                        report order violations and exit 1)
            """;

    static Options parse(String[] args) {
        boolean quick = false;
        boolean json = false;
        boolean control = false;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            if (a.equals("--json")) json = true;
            if (a.equals("--control")) control = true;
        }
        int keys = quick ? 2_500 : 25_000;
        int perKey = 4;
        long ackTimeoutMs = 1_000;
        int noAck = 10;
        int maxAckDelay = 100;
        int sendMaxMs = 1;
        int channelJobs = quick ? 2_000 : 20_000;
        int width = 8;
        double rate = 500;
        int rateJobs = -1;
        int workers = 3;
        int maxTasks = 64;
        long seed = 42;
        long idleWaitMs = -1;
        boolean skipOrdered = false;
        boolean skipChannels = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick") || a.equals("--json") || a.equals("--control")) continue;
            if (a.equals("-h") || a.equals("--help")) throw new IllegalArgumentException("help");
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
            String v = args[++i];
            try {
                switch (a) {
                    case "--keys" -> keys = positive(a, Integer.parseInt(v));
                    case "--per-key" -> perKey = positive(a, Integer.parseInt(v));
                    case "--ack-timeout-ms" -> ackTimeoutMs = positive(a, Integer.parseInt(v));
                    case "--no-ack-pct" -> noAck = range(a, Integer.parseInt(v), 0, 100);
                    case "--max-ack-delay-ms" -> maxAckDelay = range(a, Integer.parseInt(v), 0, 60_000);
                    case "--send-max-ms" -> sendMaxMs = range(a, Integer.parseInt(v), 0, 1_000);
                    case "--channel-jobs" -> channelJobs = positive(a, Integer.parseInt(v));
                    case "--width" -> width = positive(a, Integer.parseInt(v));
                    case "--rate" -> {
                        rate = Double.parseDouble(v);
                        if (!(rate >= 0)) throw new IllegalArgumentException("--rate must be >= 0 (0 skips the rate variant)");
                    }
                    case "--rate-jobs" -> rateJobs = positive(a, Integer.parseInt(v));
                    case "--workers" -> workers = range(a, Integer.parseInt(v), 1, 32);
                    case "--max-tasks" -> maxTasks = range(a, Integer.parseInt(v), 1, 1_000);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--idle-wait-ms" -> idleWaitMs = positive(a, Integer.parseInt(v));
                    case "--only" -> {
                        switch (v) {
                            case "ordered" -> skipChannels = true;
                            case "channels" -> skipOrdered = true;
                            default -> throw new IllegalArgumentException("--only takes ordered or channels");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + ": not a number: " + v);
            }
        }
        return new Options(quick, json, keys, perKey, ackTimeoutMs, noAck, maxAckDelay, sendMaxMs, channelJobs, width,
                rate, rateJobs < 0 ? channelJobs : rateJobs, workers, maxTasks, seed, skipOrdered, skipChannels, control, idleWaitMs);
    }

    private static int positive(String name, int v) {
        return range(name, v, 1, Integer.MAX_VALUE);
    }

    private static int range(String name, int v, int min, int max) {
        if (v < min || v > max) throw new IllegalArgumentException(name + " must be in " + min + ".." + max);
        return v;
    }
}
