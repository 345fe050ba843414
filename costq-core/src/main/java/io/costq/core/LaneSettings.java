package io.costq.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Lanes: how urgent a job is, beside its cost. A job's place in its class queue is its queued-at plus its lane's
 * offset, so among comparable costs an {@code interactive} job (offset 0) goes before a {@code batch} job (1 h: the
 * simulator's batch-flood sweep, docs/scheduling.md) queued up to the offset earlier; a batch job never waits more than its offset behind newer interactive jobs,
 * so batch never starves. One value per lane ({@code costq.lanes.<name>.offset-ms}).
 *
 * @param offsetsMs   lane name to its queue-score offset in ms (0 .. 1 day)
 * @param defaultLane the lane of a job submitted without one; must be one of the lanes
 */
public record LaneSettings(Map<String, Long> offsetsMs, String defaultLane) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    public static final LaneSettings DEFAULT = new LaneSettings(Map.of("interactive", 0L, "batch", 3_600_000L), "interactive");

    public LaneSettings {
        if (offsetsMs == null || offsetsMs.isEmpty()) throw new IllegalArgumentException("at least one lane is needed");
        offsetsMs = Map.copyOf(offsetsMs);
        for (var e : offsetsMs.entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) throw new IllegalArgumentException("lane name '" + e.getKey() + "' must match " + NAME);
            if (e.getValue() < 0 || e.getValue() > 86_400_000L) throw new IllegalArgumentException("lane " + e.getKey() + ": offset-ms must be in 0..86400000");
        }
        if (!offsetsMs.containsKey(defaultLane)) throw new IllegalArgumentException("default lane '" + defaultLane + "' is not a lane " + offsetsMs.keySet());
    }

    public boolean has(String lane) {
        return offsetsMs.containsKey(lane);
    }

    /** The lane's queue-score offset; the default lane's for null. */
    public long offsetMs(String lane) {
        return offsetsMs.get(lane == null ? defaultLane : lane);
    }

    String describe() {
        return "lanes " + new TreeMap<>(offsetsMs) + " ms, default " + defaultLane;
    }
}
