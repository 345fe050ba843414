package io.costq.core.route;

import io.costq.core.InvalidInputException;

/**
 * What the admin teaches about one server; a null field is left as it is. Build it with the withers:
 * {@code Teaching.NOTHING.withCapacity(2000).withPinned(true)}.
 *
 * @param changesCapacity whether {@code capacity} is a change (a null capacity then forgets the taught one)
 * @param capacity        sessions at which the server is fully loaded (it failed at that many): a cap on what it
 *                        reports and what is learned
 * @param pinned          use exactly the taught capacity, ignoring what is learned
 * @param draining        no new sessions for this server
 */
public record Teaching(boolean changesCapacity, Integer capacity, Boolean pinned, Boolean draining) {
    public static final Teaching NOTHING = new Teaching(false, null, null, null);

    public Teaching {
        if (!changesCapacity && capacity != null) throw new IllegalArgumentException("a capacity is a change");
        RouteInput.capacity("capacity", capacity);
    }

    public Teaching withCapacity(Integer c) {
        return new Teaching(true, c, pinned, draining);
    }

    public Teaching withPinned(Boolean p) {
        return new Teaching(changesCapacity, capacity, p, draining);
    }

    public Teaching withDraining(Boolean d) {
        return new Teaching(changesCapacity, capacity, pinned, d);
    }

    void requireSomething() {
        if (!changesCapacity && pinned == null && draining == null) {
            throw new InvalidInputException("body", "teach at least one of capacity, pinned, draining");
        }
    }
}
