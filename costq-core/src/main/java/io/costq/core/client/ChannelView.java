package io.costq.core.client;

/** A delivery channel: its width, rate and whether it is paused, permits in use now, and jobs held back (full or paused). */
public record ChannelView(String name, int maxConcurrency, double ratePerSecond, boolean paused, int inUse, int waiting) {
}
