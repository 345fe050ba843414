package io.costq.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node says, with each heartbeat, of the live config: the version it runs (0 = its start-up config), and the
 * newest version it refused with the reason (a value its start-up config cannot take), until a later one applies.
 *
 * @param rejectedVersion null when it refused none since the version it runs
 */
public record ConfigReport(long version, Long rejectedVersion, String rejectedReason) {
    /** The most of a reason a heartbeat carries. */
    static final int REASON_MAX = 500;

    public static final ConfigReport START_UP = new ConfigReport(0, null, null);

    public ConfigReport {
        if (rejectedReason != null && rejectedReason.length() > REASON_MAX) rejectedReason = rejectedReason.substring(0, REASON_MAX);
    }

    public ConfigReport applied(long v) {
        return new ConfigReport(v, null, null);
    }

    public ConfigReport rejected(long v, String reason) {
        return new ConfigReport(version, v, reason == null ? "refused" : reason);
    }

    /** As heartbeat fields. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("configVersion", String.valueOf(version));
        if (rejectedVersion != null) {
            f.put("configRejectedVersion", String.valueOf(rejectedVersion));
            f.put("configRejectedReason", rejectedReason);
        }
        return f;
    }

    /** From a node's heartbeat hash; null when the node does not report its config (a plain-Java worker). */
    public static ConfigReport of(Map<String, String> heartbeat) {
        String v = heartbeat.get("configVersion");
        if (v == null) return null;
        String r = heartbeat.get("configRejectedVersion");
        return new ConfigReport(Long.parseLong(v), r == null ? null : Long.parseLong(r), heartbeat.get("configRejectedReason"));
    }
}
