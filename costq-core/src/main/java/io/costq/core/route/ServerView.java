package io.costq.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One server of a pool as the decision server sees it: live or not, its sessions and load, the capacity the
 * decision uses and where it comes from, and the three things that capacity is made of (reported, learned, taught).
 *
 * @param registeredUntilMs the registration's deadline; -1 when it is not registered (only taught about)
 * @param load              live sessions + the load it reports
 * @param capacitySource    reported, learned, taught, pinned or default (see {@code lib/route.lua} capacityOf)
 * @param allowedSessions   the load it may reach: floor(allowed load x capacity)
 * @param learned           null before the warm-up
 */
public record ServerView(String id, String uri, boolean live, long registeredUntilMs, boolean draining, long sessions,
                         long load, long capacity, String capacitySource, long allowedSessions, ReportedView reported,
                         CapacityFit.Fit learned, TaughtView taught) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server reported last; null fields were not reported. */
    public record ReportedView(String uri, Integer capacity, long load, Double utilization, boolean draining, long sinceMs,
                               long atMs, long samples) {
        static ReportedView parse(String json) {
            JsonNode n = tree(json);
            if (n == null) return null;
            return new ReportedView(n.path("uri").asText(), n.hasNonNull("capacity") ? n.get("capacity").asInt() : null, n.path("load").asLong(),
                    n.hasNonNull("utilization") ? n.get("utilization").asDouble() : null, n.path("draining").asBoolean(),
                    n.path("since").asLong(), n.path("at").asLong(), n.path("samples").asLong());
        }
    }

    /** What the admin taught; capacity null = none taught. */
    public record TaughtView(Integer capacity, boolean pinned, boolean draining) {
        static final TaughtView NOTHING = new TaughtView(null, false, false);

        static TaughtView parse(String json) {
            JsonNode n = tree(json);
            if (n == null) return NOTHING;
            return new TaughtView(n.hasNonNull("capacity") ? n.get("capacity").asInt() : null, n.path("pinned").asBoolean(),
                    n.path("draining").asBoolean());
        }
    }

    static CapacityFit.Fit parseFit(String json) {
        if (json == null || json.isEmpty()) return null;
        try {
            return JSON.readValue(json, CapacityFit.Fit.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable learned capacity: " + json, e);
        }
    }

    static String json(CapacityFit.Fit fit) {
        try {
            return JSON.writeValueAsString(fit);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isEmpty()) return null;
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable server state: " + json, e);
        }
    }
}
