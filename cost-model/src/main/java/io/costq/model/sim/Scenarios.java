package io.costq.model.sim;

import java.util.List;

/**
 * The scenario matrix (issue 16): the BT busy hour and its variations — downstream share, node speeds, a lagging
 * CPU meter, a longer and higher surge, millisecond jobs — plus the steady-load table. Loads are shares of the
 * fleet's CPU (the downstream wait does not count), relative to the mean node speed. 5 nodes × 8 cores.
 */
public final class Scenarios {
    static final double[] UNEVEN = {1, 1, 1, 0.7, 0.7};
    static final double[] UNIFORM = {1, 1, 1, 1, 1};
    /** 60 min at 0.6, 5 min at 1.1, 30 min at 0.6: the busy hour; the first 45 min are warm-up. */
    static final LoadProfile BUSY_HOUR = LoadProfile.parse("0.6:3600,1.1:300,0.6:1800");
    static final LoadProfile OVERLOAD = LoadProfile.parse("0.6:3600,1.25:600,0.6:2400");
    static final double BUSY_WARMUP_MS = 2_700_000;

    private Scenarios() {}

    public static final List<Scenario> ALL = List.of(
            new Scenario("steady-0.9", "steady load 0.9, CPU-bound, uniform speeds, 100,000 jobs (first 10 min warm-up)",
                    TraceSpec.defaults(100_000, 0.9), ClusterConfig.plain(5, 8), 600_000),
            busy("busy", "the BT busy hour: 1.1 x 5 min, io 0.3, speeds 1,1,1,0.7,0.7, thrash 0.05", BUSY_HOUR, 0.3, UNEVEN, 0),
            busy("busy-io0", "as busy, CPU-bound (io 0)", BUSY_HOUR, 0, UNEVEN, 0),
            busy("busy-io0.6", "as busy, io 0.6", BUSY_HOUR, 0.6, UNEVEN, 0),
            busy("busy-io0.9", "as busy, io 0.9 (delivery-like: jobs mostly wait on a webhook)", BUSY_HOUR, 0.9, UNEVEN, 0),
            busy("busy-uniform", "as busy, uniform speeds", BUSY_HOUR, 0.3, UNIFORM, 0),
            busy("busy-lag2s", "as busy, CPU meter lagging 2 s (exponential, time constant 2 s)", BUSY_HOUR, 0.3, UNEVEN, 2_000),
            flood(),
            busy("overload", "1.25 x 10 min, io 0.3, speeds 1,1,1,0.7,0.7, thrash 0.05: more than the fleet can serve",
                    OVERLOAD, 0.3, UNEVEN, 0),
            busy("overload-io0", "as overload, CPU-bound (io 0)", OVERLOAD, 0, UNEVEN, 0),
            tiny());

    /** A busy-hour shape: BT users, the given profile (CPU load), io-frac, speeds and meter lag, thrash 0.05. */
    static Scenario busy(String name, String title, LoadProfile profile, double ioFrac, double[] speeds, double lagMs) {
        TraceSpec trace = TraceSpec.ofProfile(profile).withIoFrac(ioFrac).withCluster(5, 8, speeds);
        return new Scenario(name, title, trace, new ClusterConfig(5, 8, speeds, 0.05, ioFrac, lagMs, 256), BUSY_WARMUP_MS);
    }

    /** When the export of {@link #flood()} starts: 2 min before the surge. */
    static final long FLOOD_START_MS = 3_480_000;

    /**
     * The busy hour with a batch export flooding the fleet (issue 18): 4,000 batch jobs of ~3 s (12,000 core-seconds,
     * 4 min of the whole fleet's CPU at io 0.3) submitted over 1 min from 2 min before the surge. The logins are
     * the same as busy's for each seed; their figures are compared with busy's.
     */
    static Scenario flood() {
        Scenario b = busy("busy-batch", "as busy, plus a batch export: 4,000 jobs of ~3 s submitted over 1 min from 2 min before the surge",
                BUSY_HOUR, 0.3, UNEVEN, 0);
        return new Scenario(b.name(), b.title(), b.trace(), b.cluster(), b.warmupMs(), new BatchFlood(FLOOD_START_MS, 60_000, 4_000, 3_000));
    }

    /**
     * Millisecond jobs (users' means 1-10 ms) through a busy hour compressed to their scale (0.6 for 30 s, 1.1 for
     * 3 s, 0.6 for 15 s; the first 20 s warm-up), io 0.3, uneven speeds, thrash 0.05.
     */
    static Scenario tiny() {
        TraceSpec trace = TraceSpec.ofProfile(LoadProfile.parse("0.6:30,1.1:3,0.6:15")).withCosts(1, 10)
                .withIoFrac(0.3).withCluster(5, 8, UNEVEN);
        return new Scenario("tiny", "jobs of 1-10 ms: 1.1 x 3 s after 30 s at 0.6, io 0.3, speeds 1,1,1,0.7,0.7, thrash 0.05",
                trace, new ClusterConfig(5, 8, UNEVEN, 0.05, 0.3, 0, 256), 20_000);
    }

    static Scenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown scenario " + name + "; known: " + ALL.stream().map(Scenario::name).toList()));
    }
}
