package io.costq.core.types;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The downstream hosts the built-in {@code http} type may call. An entry is a host name or IP as written in the URL
 * ({@code api.example.com}, {@code 10.0.0.7}, {@code [::1]}), optionally with a port ({@code 10.0.0.7:8443}: only
 * that port), {@code *.example.com} (any subdomain, any port) or {@code *} (anything). Names are compared as
 * written, not resolved: list the names your downstreams use. Empty: nothing is allowed.
 */
public record HostAllowList(List<String> entries) {
    /** Deny every host (the default outside the loopback dev mode). */
    public static final HostAllowList NONE = new HostAllowList(List.of());
    /** Loopback only (the default of the loopback dev mode, {@code ./costq up}). */
    public static final HostAllowList LOOPBACK = new HostAllowList(List.of("localhost", "127.0.0.1", "[::1]"));

    public HostAllowList {
        entries = List.copyOf(entries);
        for (String e : entries) {
            if (e == null || e.isBlank() || e.contains("/")) {
                throw new IllegalArgumentException("an allowed host is a name, an IP or name:port, *.domain or * (was '" + e + "')");
            }
            int port = portOf(e.trim());
            if (port == -2) throw new IllegalArgumentException("the port of allowed host '" + e + "' is not a number in 1..65535");
        }
    }

    /** Whether a request to {@code url} may be made. */
    public boolean allows(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        for (String raw : entries) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.equals("*")) return true;
            if (e.startsWith("*.")) {
                if (host.endsWith(e.substring(1))) return true;
                continue;
            }
            int p = portOf(e);
            String h = p < 0 ? e : e.substring(0, e.lastIndexOf(':'));
            if (h.equals(host) && (p < 0 || p == port)) return true;
        }
        return false;
    }

    public String describe() {
        return entries.isEmpty() ? "http type: no downstream host allowed" : "http type: downstream hosts " + entries;
    }

    /** The entry's port; -1 without one, -2 when it is not a valid port. */
    private static int portOf(String e) {
        int colon = e.lastIndexOf(':');
        if (colon < 0 || e.startsWith("[") && colon < e.indexOf(']')) return -1;
        if (!e.startsWith("[") && e.indexOf(':') != colon) return -1; // a bare IPv6 address: no port
        try {
            int port = Integer.parseInt(e.substring(colon + 1));
            return port >= 1 && port <= 65535 ? port : -2;
        } catch (NumberFormatException x) {
            return -2;
        }
    }
}
