package io.costq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every bench main needs: its options (picocli), the repository it runs in, the machine's load for the report,
 * rounding for figures, quiet cleanup.
 */
public final class BenchSupport {
    private BenchSupport() {
    }

    /** The 1, 5 and 15 minute load averages, or "n/a" off Linux. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // best effort at shutdown
        }
    }

    /** CPU time of this JVM process so far, all threads (ns). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Logs of a bench main: warnings only, to stderr (stdout carries the report). */
    public static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /**
     * The options of a bench main: {@code command} is its picocli command, whose {@code call()} validates what was
     * parsed and builds them. Prints the problem and the usage and exits 2 when there are none (0 after --help).
     */
    public static <T> T parseOrExit(String tool, Callable<T> command, String[] args) {
        CommandLine cli = new CommandLine(command);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) System.exit(0);
            return command.call();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(tool + ": " + e.getMessage());
            cli.usage(System.err);
            System.exit(2);
            throw e; // not reached
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** bench/target/costq-bench.jar → the repository root; else the working directory. */
    public static Path repoRoot() {
        try {
            Path jar = Path.of(BenchSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent().getParent().getParent();
            if (Files.isDirectory(root.resolve("bench"))) return root;
        } catch (Exception e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    /**
     * The start of the replay main: quiet logs, then the options parsed, or the problem and the usage printed and
     * exit 2. A parser throws IllegalArgumentException("help") for --help. (The costq bench parses with picocli.)
     */
    public static <T> T optionsOrExit(String tool, String usage, java.util.function.Function<String[], T> parse, String[] args) {
        quietLogs();
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) System.err.println(tool + ": " + e.getMessage());
            System.err.print(usage.endsWith("\n") ? usage : usage + "\n");
            System.exit(2);
            throw e; // not reached
        }
    }

    /** Time the JIT compiler threads have spent compiling in this JVM, ms (0 when the JVM does not say). */
    static long jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
