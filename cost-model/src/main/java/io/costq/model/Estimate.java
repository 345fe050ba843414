package io.costq.model;

/** An estimated run time and where it came from. */
public record Estimate(long ms, Source source) {
    public enum Source { HISTORY, TYPE_PRIOR, RECENT_MEDIAN, DEFAULT_PRIOR }
}
