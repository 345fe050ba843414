package io.costq.model.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A load over time as segments {@code load:seconds}, e.g. {@code 0.6:3600,1.1:300,0.6:1800} for a busy hour.
 * Load = arrival rate x mean cost / (nodes x cores x mean speed).
 */
public record LoadProfile(List<Segment> segments) {
    public record Segment(double load, long seconds) {
        public Segment {
            if (!(load > 0) || Double.isInfinite(load)) throw new IllegalArgumentException("load must be > 0, was " + load);
            if (seconds < 1) throw new IllegalArgumentException("segment must last >= 1 s");
        }
    }

    public LoadProfile {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) throw new IllegalArgumentException("a profile needs at least one segment");
    }

    public static LoadProfile parse(String text) {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] lf = part.trim().split(":");
            if (lf.length != 2) throw new IllegalArgumentException("segment must be load:seconds, was " + part);
            segments.add(new Segment(Double.parseDouble(lf[0]), Long.parseLong(lf[1])));
        }
        return new LoadProfile(segments);
    }

    public long totalMs() {
        return segments.stream().mapToLong(s -> s.seconds() * 1000).sum();
    }

    /** The segment in force at time t (ms); the last one past the end. */
    public int segmentAt(double tMs) {
        double end = 0;
        for (int i = 0; i < segments.size(); i++) {
            end += segments.get(i).seconds() * 1000.0;
            if (tMs < end) return i;
        }
        return segments.size() - 1;
    }

    /** The end (ms) of segment i. */
    public double segmentEndMs(int i) {
        double end = 0;
        for (int k = 0; k <= i; k++) end += segments.get(k).seconds() * 1000.0;
        return end;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) sb.append(sb.length() == 0 ? "" : ",").append(s.load()).append(':').append(s.seconds());
        return sb.toString();
    }
}
