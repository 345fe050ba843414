package io.costq.api.metrics;

import io.costq.core.client.CostqClient;
import io.costq.core.client.NodeView;
import io.costq.core.client.QueueView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The cluster as Redis holds it, re-read every few seconds into gauges: depth and oldest age per class queue, each
 * live node's CPU, running tasks, task cap, estimated remaining work and live config version (from its heartbeat), and the cluster-wide
 * counts of stale completions and lease expiries (the stats hashes of all partitions, summed). Every API instance
 * exports the same values, so dashboards take {@code max} over instances. The refresh only reads (no script of it
 * writes), and a scrape never touches Redis; a failed refresh keeps the last values.
 */
@Singleton
public class ClusterGauges {
    private static final Logger LOG = Logger.getLogger(ClusterGauges.class);

    @Inject
    CostqClient client;
    @Inject
    MeterRegistry registry;

    private final Map<Integer, QueueValues> queues = new ConcurrentHashMap<>();
    private final Map<String, NodeValues> nodes = new ConcurrentHashMap<>();
    /** Per job type: jobs waiting (a type no live worker handles shows here, growing). */
    private final Map<String, AtomicLong> typeQueued = new ConcurrentHashMap<>();
    private final AtomicLong liveNodes = new AtomicLong();
    private final AtomicLong staleCompletions = new AtomicLong();
    private final AtomicLong leaseExpiries = new AtomicLong();
    private final AtomicLong refreshFailures = new AtomicLong();
    private volatile boolean registered;
    /** Every meter this bean registered, removed when it ends (a restarted app in one JVM registers its own). */
    private final java.util.List<io.micrometer.core.instrument.Meter> registeredMeters = new java.util.concurrent.CopyOnWriteArrayList<>();

    @jakarta.annotation.PreDestroy
    void removeMeters() {
        registeredMeters.forEach(registry::remove);
        registeredMeters.clear();
    }

    private <M extends io.micrometer.core.instrument.Meter> M kept(M meter) {
        registeredMeters.add(meter);
        return meter;
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            refreshFailures.incrementAndGet();
            LOG.debugf("cluster gauges refresh failed: %s", e);
        }
    }

    /** Reads queues, nodes and stats once and updates the gauges. */
    public void refresh() {
        registerFixed();
        for (QueueView q : client.queues()) {
            QueueValues v = queues.computeIfAbsent(q.costClass(), this::registerQueue);
            v.depth.set(q.depth());
            v.oldestAgeMs.set(q.oldestAgeMs());
        }
        for (var t : client.types()) {
            typeQueued.computeIfAbsent(t.type(), type -> {
                AtomicLong v = new AtomicLong();
                kept(Gauge.builder("costq_type_queued", v, AtomicLong::get).tags("type", type)
                        .description("jobs of the type waiting in the queues (all classes)").register(registry));
                return v;
            }).set(t.queued());
        }
        List<NodeView> live = client.nodes();
        Set<String> seen = new HashSet<>();
        for (NodeView n : live) {
            seen.add(n.id());
            NodeValues v = nodes.computeIfAbsent(n.id(), id -> registerNode(id, n.role()));
            v.cpuMilli.set(Math.round(n.cpu() * 1000));
            v.runningTasks.set(n.runningTasks());
            v.maxTasks.set(n.maxTasks());
            v.remainingMs.set(n.remainingMs().stream().mapToLong(Long::longValue).sum());
            v.configVersion.set(n.config() == null ? -1 : n.config().version());
            v.configRejected.set(n.config() == null || n.config().rejectedVersion() == null ? 0 : n.config().rejectedVersion());
        }
        liveNodes.set(live.size());
        // a node that stopped heart-beating leaves the directory: its series end instead of freezing
        for (String gone : new HashSet<>(nodes.keySet())) {
            if (!seen.contains(gone)) nodes.remove(gone).meters.forEach(m -> {
                registry.remove(m);
                registeredMeters.remove(m);
            });
        }
        Map<String, Long> stats = client.stats(); // every partition's, summed
        staleCompletions.set(stats.getOrDefault("staleCompletions", 0L));
        leaseExpiries.set(stats.getOrDefault("leaseExpiries", 0L));
    }

    private synchronized void registerFixed() {
        if (registered) return;
        kept(Gauge.builder("costq_nodes_live", liveNodes, AtomicLong::get).description("nodes with a live heartbeat").register(registry));
        kept(FunctionCounter.builder("costq_cluster_stale_completions", staleCompletions, AtomicLong::get)
                .description("completions rejected for a stale fencing token, cluster-wide (stats hash)").register(registry));
        kept(FunctionCounter.builder("costq_cluster_lease_expiries", leaseExpiries, AtomicLong::get)
                .description("leases that ran out and were reaped, cluster-wide (stats hash)").register(registry));
        kept(FunctionCounter.builder("costq_metrics_refresh_failures", refreshFailures, AtomicLong::get)
                .description("failed re-reads of the cluster gauges (Redis away)").register(registry));
        registered = true;
    }

    private QueueValues registerQueue(int costClass) {
        QueueValues v = new QueueValues();
        Tags tags = Tags.of("class", String.valueOf(costClass));
        kept(Gauge.builder("costq_queue_depth", v.depth, AtomicLong::get).tags(tags).description("jobs queued in the class")
                .register(registry));
        kept(Gauge.builder("costq_queue_oldest_age", v.oldestAgeMs, ms -> ms.get() / 1000.0).tags(tags).baseUnit("seconds")
                .description("age of the class's oldest queued job").register(registry));
        return v;
    }

    /** role: "worker", or "api" for API instances that publish their load in the directory. */
    private NodeValues registerNode(String nodeId, String role) {
        NodeValues v = new NodeValues();
        Tags tags = Tags.of("node", nodeId, "role", role == null ? "worker" : role);
        v.meters.add(kept(Gauge.builder("costq_node_cpu", v.cpuMilli, m -> m.get() / 1000.0).tags(tags)
                .description("node CPU load 0..1 as its last heartbeat reported it").register(registry)));
        v.meters.add(kept(Gauge.builder("costq_node_running_tasks", v.runningTasks, AtomicLong::get).tags(tags)
                .description("tasks running on the node").register(registry)));
        v.meters.add(kept(Gauge.builder("costq_node_max_tasks", v.maxTasks, AtomicLong::get).tags(tags)
                .description("the node's task cap").register(registry)));
        v.meters.add(kept(Gauge.builder("costq_node_remaining_work", v.remainingMs, ms -> ms.get() / 1000.0).tags(tags)
                .baseUnit("seconds").description("estimated remaining time of the node's running tasks, summed")
                .register(registry)));
        v.meters.add(kept(Gauge.builder("costq_config_version", v.configVersion, AtomicLong::get).tags(tags)
                .description("the live config version the node runs (0: its start-up config; -1: it does not say)").register(registry)));
        v.meters.add(kept(Gauge.builder("costq_config_rejected_version", v.configRejected, AtomicLong::get).tags(tags)
                .description("the newest live config version the node refused since the one it runs (0: none; /v1/nodes says why)")
                .register(registry)));
        return v;
    }

    private static final class QueueValues {
        final AtomicLong depth = new AtomicLong();
        final AtomicLong oldestAgeMs = new AtomicLong();
    }

    private static final class NodeValues {
        final AtomicLong cpuMilli = new AtomicLong();
        final AtomicLong runningTasks = new AtomicLong();
        final AtomicLong maxTasks = new AtomicLong();
        final AtomicLong remainingMs = new AtomicLong();
        final AtomicLong configVersion = new AtomicLong(-1);
        final AtomicLong configRejected = new AtomicLong();
        final List<Meter> meters = new java.util.ArrayList<>();
    }
}
