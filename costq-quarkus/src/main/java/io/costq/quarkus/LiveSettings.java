package io.costq.quarkus;

import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.route.RouteSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings an operator may change while the services run ({@code PUT /v1/config}), built from this process's
 * start-up configuration plus the live overrides through the same conversion and validation as at start-up.
 * Settings read once at start-up (Redis, key prefix, worker threads, auth, timer periods) are not live.
 */
public record LiveSettings(CostqSettings costq, RouteSettings route, java.util.SortedSet<Integer> pausedClasses) {

    /** The live keys; map-valued ones take a name after their prefix (e.g. {@code costq.route.allowed-load.worker}). */
    public static final Set<String> KEYS = Set.of(
            "costq.estimator.window", "costq.estimator.scheme", "costq.estimator.decay", "costq.estimator.weights",
            "costq.estimator.default-prior-ms",
            "costq.classes.count", "costq.classes.mode", "costq.classes.bounds-ms", "costq.classes.min-samples",
            "costq.classes.paused",
            "costq.policy.cpu-threshold", "costq.policy.max-tasks", "costq.policy.fill-in-max-ms",
            "costq.policy.slots-per-core", "costq.policy.starvation-ms", "costq.policy.defer-ms", "costq.policy.idle-wait-ms",
            "costq.policy.projected-ms",
            "costq.jobs.payload-max-bytes", "costq.jobs.max-attempts", "costq.jobs.timeout-ms", "costq.jobs.retention-ms",
            "costq.jobs.idempotency-window-ms", "costq.jobs.recent-estimates-cap",
            "costq.lease.lease-ms", "costq.lease.renew-every-ms", "costq.lease.reap-every-ms",
            "costq.retry.base-ms", "costq.retry.max-ms",
            "costq.route.default-allowed-load", "costq.route.sticky-ttl-ms", "costq.route.retry-after-s",
            "costq.route.session-lease-ms", "costq.route.server-lease-ms", "costq.route.default-capacity",
            "costq.route.learn-min-samples",
            "costq.delivery.ack-timeout-ms", "costq.delivery.paused-channels");
    /** A delivery channel's live settings: {@code costq.delivery.channels.<name>.max-concurrency} and rate-per-second. */
    private static final java.util.regex.Pattern CHANNEL_KEY =
            java.util.regex.Pattern.compile("costq\\.delivery\\.channels\\.[A-Za-z0-9_-]{1,64}\\.(max-concurrency|rate-per-second)");
    public static final List<String> MAP_PREFIXES = List.of("costq.estimator.type-priors.", "costq.route.allowed-load.");
    private static final java.util.regex.Pattern MAP_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static boolean isLive(String key) {
        if (KEYS.contains(key) || CHANNEL_KEY.matcher(key).matches()) return true;
        for (String p : MAP_PREFIXES) {
            if (key.startsWith(p) && MAP_NAME.matcher(key.substring(p.length())).matches()) return true;
        }
        return false;
    }

    /** Converts a (start-up or overridden) config, failing with {@link IllegalArgumentException} naming the group. */
    public static LiveSettings of(CostqConfig c) {
        CostqSettings costq = SettingsFactory.settings(c);
        RouteSettings route;
        try {
            var r = c.route();
            route = new RouteSettings(new RouteSettings.Allowed(r.defaultAllowedLoad(), r.allowedLoad()),
                    new RouteSettings.Sessions(r.sessionLeaseMs(), r.stickyTtlMs(), r.retryAfterS()),
                    new RouteSettings.Servers(r.serverLeaseMs(), r.defaultCapacity(), r.learnMinSamples()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration under costq.route: " + e.getMessage(), e);
        }
        java.util.SortedSet<Integer> paused = new java.util.TreeSet<>(c.classes().paused().orElse(List.of()));
        for (int k : paused) {
            if (k < 0 || k >= costq.classes()) {
                throw new IllegalArgumentException("invalid configuration under costq.classes.paused: class " + k
                        + " does not exist (0.." + (costq.classes() - 1) + ")");
            }
        }
        return new LiveSettings(costq, route, java.util.Collections.unmodifiableSortedSet(paused));
    }

    /**
     * This process's settings with {@code overrides} on top. Rejects with a 400-style {@link InvalidInputException}
     * naming the key: an unknown or not-live key, a value of the wrong type, or a value the settings refuse.
     *
     * @param changedKeys the keys this change sets or resets (the suspects when the result is refused); empty = all
     */
    public static LiveSettings resolve(Map<String, String> overrides, Set<String> changedKeys) {
        // the changed keys too: a reset (null) of an unknown or start-up-only key is refused like a set of it
        for (String key : concat(overrides.keySet(), changedKeys)) {
            if (!isLive(key)) throw new InvalidInputException(key, key
                    + " is not a setting that can change live (GET /v1/config lists those that can)");
        }
        try {
            return of(SettingsFactory.withOverrides(overrides));
        } catch (RuntimeException e) {
            throw new InvalidInputException(culprit(overrides, changedKeys.isEmpty() ? overrides.keySet() : changedKeys),
                    messages(e));
        }
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new java.util.ArrayList<>(new java.util.TreeSet<>(b));
        all.addAll(new java.util.TreeSet<>(a));
        return all;
    }

    /**
     * The changed key(s) that make the settings invalid, found by building the settings with each changed key alone
     * on top of the unchanged overrides: the one that fails alone, or all that do (comma-separated); when none fails
     * alone (only their combination is refused), all the changed keys.
     */
    static String culprit(Map<String, String> overrides, Set<String> changed) {
        Map<String, String> unchanged = new TreeMap<>(overrides);
        unchanged.keySet().removeAll(changed);
        List<String> failing = new java.util.ArrayList<>();
        for (String key : new java.util.TreeSet<>(changed)) {
            Map<String, String> alone = new TreeMap<>(unchanged);
            if (overrides.containsKey(key)) alone.put(key, overrides.get(key)); // else reset: its start-up value
            try {
                of(SettingsFactory.withOverrides(alone));
            } catch (RuntimeException e) {
                failing.add(key);
            }
        }
        return String.join(",", failing.isEmpty() ? new java.util.TreeSet<>(changed) : failing);
    }

    /** The effective value of every live key, as text (lists comma-separated), for display and the audit history. */
    public static Map<String, String> effective(CostqConfig c) {
        Map<String, String> v = new LinkedHashMap<>();
        var e = c.estimator();
        v.put("costq.estimator.window", String.valueOf(e.window()));
        v.put("costq.estimator.scheme", e.scheme().name());
        v.put("costq.estimator.decay", String.valueOf(e.decay()));
        v.put("costq.estimator.weights", e.weights().map(LiveSettings::join).orElse(""));
        v.put("costq.estimator.default-prior-ms", String.valueOf(e.defaultPriorMs()));
        new TreeMap<>(e.typePriors()).forEach((t, ms) -> v.put("costq.estimator.type-priors." + t, String.valueOf(ms)));
        var k = c.classes();
        v.put("costq.classes.count", String.valueOf(k.count()));
        v.put("costq.classes.mode", k.mode().name());
        v.put("costq.classes.bounds-ms", join(k.boundsMs()));
        v.put("costq.classes.min-samples", String.valueOf(k.minSamples()));
        v.put("costq.classes.paused", k.paused().map(l -> join(new java.util.TreeSet<>(l).stream().toList())).orElse(""));
        var p = c.policy();
        v.put("costq.policy.cpu-threshold", String.valueOf(p.cpuThreshold()));
        v.put("costq.policy.max-tasks", String.valueOf(p.maxTasks()));
        v.put("costq.policy.fill-in-max-ms", String.valueOf(p.fillInMaxMs()));
        v.put("costq.policy.slots-per-core", String.valueOf(p.slotsPerCore()));
        v.put("costq.policy.starvation-ms", String.valueOf(p.starvationMs()));
        v.put("costq.policy.defer-ms", String.valueOf(p.deferMs()));
        v.put("costq.policy.idle-wait-ms", String.valueOf(p.idleWaitMs()));
        v.put("costq.policy.projected-ms", String.valueOf(p.projectedMs()));
        var j = c.jobs();
        v.put("costq.jobs.payload-max-bytes", String.valueOf(j.payloadMaxBytes()));
        v.put("costq.jobs.max-attempts", String.valueOf(j.maxAttempts()));
        v.put("costq.jobs.timeout-ms", String.valueOf(j.timeoutMs()));
        v.put("costq.jobs.retention-ms", String.valueOf(j.retentionMs()));
        v.put("costq.jobs.idempotency-window-ms", String.valueOf(j.idempotencyWindowMs()));
        v.put("costq.jobs.recent-estimates-cap", String.valueOf(j.recentEstimatesCap()));
        v.put("costq.lease.lease-ms", String.valueOf(c.lease().leaseMs()));
        v.put("costq.lease.renew-every-ms", String.valueOf(c.lease().renewEveryMs()));
        v.put("costq.lease.reap-every-ms", String.valueOf(c.lease().reapEveryMs()));
        v.put("costq.retry.base-ms", String.valueOf(c.retry().baseMs()));
        v.put("costq.retry.max-ms", String.valueOf(c.retry().maxMs()));
        v.put("costq.route.default-allowed-load", String.valueOf(c.route().defaultAllowedLoad()));
        new TreeMap<>(c.route().allowedLoad()).forEach((pool, f) -> v.put("costq.route.allowed-load." + pool, String.valueOf(f)));
        v.put("costq.route.sticky-ttl-ms", String.valueOf(c.route().stickyTtlMs()));
        v.put("costq.route.retry-after-s", String.valueOf(c.route().retryAfterS()));
        v.put("costq.route.session-lease-ms", String.valueOf(c.route().sessionLeaseMs()));
        v.put("costq.route.server-lease-ms", String.valueOf(c.route().serverLeaseMs()));
        v.put("costq.route.default-capacity", String.valueOf(c.route().defaultCapacity()));
        v.put("costq.route.learn-min-samples", String.valueOf(c.route().learnMinSamples()));
        var d = c.delivery();
        v.put("costq.delivery.ack-timeout-ms", String.valueOf(d.ackTimeoutMs()));
        v.put("costq.delivery.paused-channels", d.pausedChannels().map(l -> join(new java.util.TreeSet<>(l).stream().toList())).orElse(""));
        new TreeMap<>(d.channels()).forEach((name, ch) -> {
            v.put("costq.delivery.channels." + name + ".max-concurrency", String.valueOf(ch.maxConcurrency()));
            v.put("costq.delivery.channels." + name + ".rate-per-second", String.valueOf(ch.ratePerSecond()));
        });
        return v;
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 2_000; t = t.getCause()) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) sb.append(sb.length() == 0 ? "" : "; ").append(t.getMessage());
        }
        return sb.length() == 0 ? e.toString() : sb.toString();
    }
}
