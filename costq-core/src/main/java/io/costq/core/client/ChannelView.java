package io.costq.core.client;

/** A delivery channel: its width and rate, permits in use now, and jobs held back because it was full. */
public record ChannelView(String name, int maxConcurrency, double ratePerSecond, int inUse, int waiting) {
}
