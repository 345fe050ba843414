package io.costq.core.route;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator allows the decision server (all live: {@code PUT /v1/config}).
 *
 * @param allowed  the load fraction (load / capacity) a server of a pool may reach with sessions
 * @param sessions how long a session lives without renewal, the sticky grace, the 503's Retry-After
 * @param servers  how long a server's registration lives, the capacity of a server nobody told about, learning
 */
public record RouteSettings(Allowed allowed, Sessions sessions, Servers servers) {
    public static final RouteSettings DEFAULT = new RouteSettings(new Allowed(0.8, Map.of()), Sessions.DEFAULT, Servers.DEFAULT);
    /** The least allowed load: below it a pool would take (almost) nobody, which is a typo rather than a setting. */
    public static final double MIN_ALLOWED_LOAD = 0.01;

    public RouteSettings {
        if (allowed == null || sessions == null || servers == null) throw new IllegalArgumentException("route settings are incomplete");
    }

    /**
     * @param byDefault allowed fraction of pools not listed, in [0.01, 1]
     * @param perPool   per pool, in [0.01, 1]
     */
    public record Allowed(double byDefault, Map<String, Double> perPool) {
        public Allowed {
            perPool = Collections.unmodifiableMap(new TreeMap<>(perPool == null ? Map.of() : perPool));
            check("default allowed load", byDefault);
            perPool.forEach((pool, f) -> check("allowed load of pool " + pool, f == null ? Double.NaN : f));
        }

        private static void check(String what, double f) {
            if (!(f >= MIN_ALLOWED_LOAD && f <= 1)) {
                throw new IllegalArgumentException(what + " must be in [" + MIN_ALLOWED_LOAD + ", 1], was " + f);
            }
        }
    }

    /**
     * @param leaseMs           a session not renewed for this long ends and frees its slot (clients renew at a third)
     * @param stickyMs          a client whose session ended gets the same server back within this time, if it has room
     * @param retryAfterSeconds what a 503 (no server with room) tells the client to wait
     */
    public record Sessions(long leaseMs, long stickyMs, int retryAfterSeconds) {
        public static final Sessions DEFAULT = new Sessions(30_000, 600_000, 1);

        public Sessions {
            if (leaseMs < 1_000) throw new IllegalArgumentException("session lease must be >= 1000 ms, was " + leaseMs);
            if (stickyMs < 0) throw new IllegalArgumentException("sticky grace must be >= 0 ms, was " + stickyMs);
            if (retryAfterSeconds < 1) throw new IllegalArgumentException("retry-after must be >= 1 s, was " + retryAfterSeconds);
        }
    }

    /**
     * @param leaseMs         a server not heard from for this long gets no sessions (servers report at a third)
     * @param defaultCapacity capacity of a server that reports none, was taught none and has not been learned yet
     * @param learnMinSamples utilization samples before a learned capacity is used (the warm-up)
     */
    public record Servers(long leaseMs, int defaultCapacity, int learnMinSamples) {
        public static final Servers DEFAULT = new Servers(10_000, 100, 30);

        public Servers {
            if (leaseMs < 1_000) throw new IllegalArgumentException("server lease must be >= 1000 ms, was " + leaseMs);
            if (defaultCapacity < 1) throw new IllegalArgumentException("default capacity must be >= 1, was " + defaultCapacity);
            if (learnMinSamples < CapacityFit.LEAST_SAMPLES || learnMinSamples > CapacityFit.WINDOW) {
                throw new IllegalArgumentException("learning needs " + CapacityFit.LEAST_SAMPLES + ".." + CapacityFit.WINDOW
                        + " samples, was " + learnMinSamples);
            }
        }
    }

    public double allowedLoad(String pool) {
        return allowed.perPool().getOrDefault(pool, allowed.byDefault());
    }

    /** True when the operator configured an allowed load for the pool: it is known even before a server joins. */
    public boolean configures(String pool) {
        return allowed.perPool().containsKey(pool);
    }

    public String describe() {
        return "route to servers under " + allowed.byDefault() + " of capacity"
                + (allowed.perPool().isEmpty() ? "" : " (per pool " + allowed.perPool() + ")")
                + "; sessions live " + sessions.leaseMs() + " ms unrenewed, sticky for " + sessions.stickyMs()
                + " ms; servers live " + servers.leaseMs() + " ms unheard, capacity " + servers.defaultCapacity()
                + " unless reported, taught or learned (after " + servers.learnMinSamples() + " samples)";
    }
}
