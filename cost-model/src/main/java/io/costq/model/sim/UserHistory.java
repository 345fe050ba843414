package io.costq.model.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each user's newest run durations (a ring of {@code window} entries), as the production history keeps them. */
final class UserHistory {
    private final int window;
    private final Map<Integer, Ring> rings = new HashMap<>();

    UserHistory(int window) {
        this.window = window;
    }

    void record(int user, long durationMs) {
        rings.computeIfAbsent(user, u -> new Ring(window)).add(durationMs);
    }

    List<Long> newestFirst(int user) {
        Ring r = rings.get(user);
        return r == null ? List.of() : r.newestFirst();
    }

    private static final class Ring {
        private final long[] values;
        private int count;
        private int next;

        Ring(int size) {
            values = new long[size];
        }

        void add(long v) {
            values[next] = v;
            next = (next + 1) % values.length;
            count = Math.min(count + 1, values.length);
        }

        List<Long> newestFirst() {
            List<Long> out = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) out.add(values[Math.floorMod(next - i, values.length)]);
            return out;
        }
    }
}
