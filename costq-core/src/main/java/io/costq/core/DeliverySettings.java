package io.costq.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Ordered delivery and delivery channels.
 *
 * @param defaultAckTimeoutMs how long a job submitted with awaitAck waits for its ack before it counts as sent
 * @param channels            named delivery channels: their width (max concurrent runs, cluster-wide) and rate
 */
public record DeliverySettings(long defaultAckTimeoutMs, Map<String, Channel> channels) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static final DeliverySettings DEFAULT = new DeliverySettings(30_000, Map.of());

    public DeliverySettings {
        if (defaultAckTimeoutMs < 1) throw new IllegalArgumentException("ack timeout must be >= 1 ms");
        channels = Map.copyOf(channels == null ? Map.of() : channels);
        channels.forEach((name, c) -> {
            if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("channel name '" + name + "' must match " + NAME);
            if (!name.equals(c.name())) throw new IllegalArgumentException("channel " + name + " is named " + c.name());
        });
    }

    /**
     * @param maxConcurrency the channel's width: runs holding a permit at once, across all nodes
     * @param ratePerSecond  runs started per second across all nodes (token bucket, burst max(1, rate)); 0 = no limit
     * @param paused         whether its jobs are held back (parked, still QUEUED) until it is resumed
     */
    public record Channel(String name, int maxConcurrency, double ratePerSecond, boolean paused) {
        public Channel(String name, int maxConcurrency, double ratePerSecond) {
            this(name, maxConcurrency, ratePerSecond, false);
        }

        public Channel {
            if (maxConcurrency < 1) throw new IllegalArgumentException("channel " + name + ": maxConcurrency must be >= 1");
            if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("channel " + name + ": ratePerSecond must be >= 0 (0 = no limit)");
            }
        }
    }

    public String describe() {
        return "ack timeout " + defaultAckTimeoutMs + " ms, channels " + new TreeMap<>(channels).values();
    }
}
