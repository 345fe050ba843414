package io.costq.core.job;

import java.util.regex.Pattern;

/**
 * Tenant names and scopes. A job belongs to one tenant (stored on its hash at submit; absent means {@link #DEFAULT});
 * a caller acts within a scope: {@link #ALL} (operators, the Java SDK) or a comma-separated list of tenant names
 * (a submitter: its one tenant; a webhook key: the tenants it serves). The scripts that act on a job by id compare
 * the two ({@code lua/lib/tenants.lua} reads a scope the same way) and answer "no such job" outside it.
 */
public final class Tenants {
    /** The tenant of every job submitted without one: the Java SDK, loopback dev mode, operator keys without one. */
    public static final String DEFAULT = "default";
    /** The scope of a caller who sees every tenant. */
    public static final String ALL = "*";
    /** What a tenant name may be: no separator of a scope or key, nothing to encode. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Tenants() {
    }

    /** The tenant of a job whose hash field is {@code stored} (null for jobs stored without one). */
    public static String of(String stored) {
        return stored == null || stored.isEmpty() ? DEFAULT : stored;
    }

    /** Whether a caller of {@code scope} may see and act on a job of {@code tenant}. */
    public static boolean covers(String scope, String tenant) {
        if (ALL.equals(scope)) return true;
        String t = of(tenant);
        for (String s : scope.split(",")) if (s.equals(t)) return true;
        return false;
    }

    /** Checks a configured tenant name; the message names {@code field}. */
    public static String requireName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " must match " + NAME + " (was '" + name + "')");
        }
        return name;
    }
}
