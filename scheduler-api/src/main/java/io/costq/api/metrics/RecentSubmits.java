package io.costq.api.metrics;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The ids of the last {@value #CAPACITY} jobs this API instance accepted, newest first, for the operator console.
 * Kept in memory on purpose: nothing is added to Redis on the submit path, and the console reads the jobs
 * themselves (and the cluster's running set) from Redis. Another instance's submits show once they run.
 */
@Singleton
public class RecentSubmits {
    static final int CAPACITY = 200;
    private final ArrayDeque<String> ids = new ArrayDeque<>(CAPACITY);

    synchronized void add(String id) {
        if (ids.size() == CAPACITY) ids.removeLast();
        ids.addFirst(id);
    }

    /** At most {@code limit} ids, newest first. */
    public synchronized List<String> newest(int limit) {
        List<String> out = new ArrayList<>(Math.min(limit, ids.size()));
        for (Iterator<String> it = ids.iterator(); it.hasNext() && out.size() < limit; ) out.add(it.next());
        return out;
    }
}
