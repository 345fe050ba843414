package io.costq.bench.chaos;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The longest collection reported by the JVM's GC notifications since the last {@link #reset()} (for G1 young and
 * mixed collections this is the stop-the-world pause; concurrent cycles are reported apart and are skipped).
 */
final class GcPauses implements AutoCloseable {
    private final AtomicLong maxMs = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    static GcPauses watch() {
        GcPauses g = new GcPauses();
        NotificationListener l = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            if (info.getGcName().contains("Concurrent")) return; // G1 Concurrent GC / ZGC cycles: not a pause
            g.maxMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        };
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter e) {
                e.addNotificationListener(l, null, null);
                g.removals.add(() -> {
                    try {
                        e.removeNotificationListener(l);
                    } catch (Exception ignored) {
                        // already gone
                    }
                });
            }
        }
        return g;
    }

    void reset() {
        maxMs.set(0);
    }

    long maxPauseMs() {
        return maxMs.get();
    }

    @Override
    public void close() {
        removals.forEach(Runnable::run);
    }
}
