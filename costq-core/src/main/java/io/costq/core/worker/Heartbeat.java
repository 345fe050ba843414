package io.costq.core.worker;

import io.costq.core.config.ConfigReport;
import io.costq.core.store.NodeDirectory;
import io.costq.model.NodeSnapshot;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The worker's heartbeat: what {@link WorkerEngine} advertises in the node directory (load, running tasks, its URI
 * and the job types it handles, and the live config version it runs when the app reports one), and the app's hook
 * run after each beat.
 */
final class Heartbeat {
    private final NodeDirectory directory;
    private final WorkerSettings node;
    private final List<String> types;
    private volatile Consumer<NodeSnapshot> after = snap -> { };
    private volatile Supplier<ConfigReport> config = () -> null;

    Heartbeat(NodeDirectory directory, WorkerSettings node, List<String> types) {
        this.directory = directory;
        this.node = node;
        this.types = types;
    }

    /** Publishes the node's state and types; returns whether the operator asked this node to drain. */
    boolean advertise(NodeSnapshot snap, long now) {
        List<Long> remaining = new ArrayList<>();
        for (RunningTask t : snap.running()) remaining.add(t.remainingMs());
        remaining.sort(null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("role", "worker");
        fields.put("cpu", String.format(java.util.Locale.ROOT, "%.3f", snap.cpu()));
        fields.put("cores", String.valueOf(node.cores()));
        fields.put("runningTasks", String.valueOf(snap.running().size()));
        fields.put("maxTasks", String.valueOf(node.maxTasks()));
        fields.put("remainingMs", String.join(",", remaining.stream().map(String::valueOf).toList()));
        fields.put("uri", node.uri());
        fields.put("types", String.join(",", types));
        ConfigReport c = config.get();
        if (c != null) fields.putAll(c.fields());
        return directory.heartbeat(node.nodeId(), now, node.nodeTtlMs(), fields, types);
    }

    /** Runs the hook after a beat. */
    void after(NodeSnapshot snap) {
        after.accept(snap);
    }

    /** Sets what the beats say of the live config (null: nothing, as a plain-Java worker without live config). */
    void setConfig(Supplier<ConfigReport> report) {
        this.config = report;
    }

    /** Sets the hook (one at a time: a later call replaces it). */
    void setAfter(Consumer<NodeSnapshot> hook) {
        this.after = hook;
    }
}
