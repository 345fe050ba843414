package io.costq.bench.chaos;

/**
 * The Java side of {@code bench/chaos.sh} and the lease measurement under CPU saturation:
 * <ul>
 *   <li>{@code drive}: submits the chaos jobs, writes their ids, waits until every one is terminal;</li>
 *   <li>{@code analyze}: reads the final states and the nodes' execution logs, prints the figures, exits 1 when a
 *       job was lost or two runs of one job overlapped;</li>
 *   <li>{@code leases}: renewal intervals of one worker while all cores spin or the heap churns.</li>
 * </ul>
 * Run with {@code java -cp bench/target/costq-bench.jar io.costq.bench.chaos.ChaosMain <command> --name value ...}.
 */
public final class ChaosMain {
    static final String USAGE = """
            usage: ChaosMain drive   --redis URL --prefix P --ids FILE [--jobs 5000] [--min-ms 20] [--max-ms 200]
                                     [--seed N] [--max-attempts 20] [--timeout-s 600]
                   ChaosMain analyze --redis URL --prefix P --ids FILE --logs DIR [--kills FILE] [--outs DIR]
                   ChaosMain leases  [--seconds 20] [--lease-ms 3000] [--renew-ms 1000] [--scenarios idle,spin,alloc]
            """;

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        int rc;
        try {
            Args a = Args.parse(args, 1);
            rc = switch (args[0]) {
                case "drive" -> ChaosDriver.run(a);
                case "analyze" -> ChaosAnalysis.run(a);
                case "leases" -> LeaseUnderLoad.run(a);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage() + "\n" + USAGE);
            rc = 2;
        }
        System.exit(rc);
    }
}
