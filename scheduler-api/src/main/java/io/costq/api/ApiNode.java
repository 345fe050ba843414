package io.costq.api;

import io.costq.core.client.CostqClient;
import io.costq.core.route.PoolMember;
import io.costq.core.store.NodeDirectory;
import io.costq.model.Clock;
import io.costq.quarkus.CostqConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * This API instance in the node directory (role {@code api}), like a worker node: its base URI, capacity, load
 * (HTTP requests in flight, counted by a filter in front of every route) and CPU, refreshed every heartbeat with
 * an expiry. The same heartbeat registers it as a server of pool {@code api} through the decision server's own
 * script ({@link PoolMember}), so clients can be routed to it and are not once it is gone.
 */
@Singleton
public class ApiNode {
    private static final Logger LOG = Logger.getLogger(ApiNode.class);

    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    RedissonClient redis;
    @Inject
    CostqClient client;
    @Inject
    CostqConfig config;
    @Inject
    Clock clock;
    @Inject
    RouteService routes;
    @Inject
    io.costq.quarkus.LiveConfig live;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String nodeId;
    private volatile String uri;
    private volatile NodeDirectory directory;
    private volatile PoolMember member;

    void countRequests(@Observes Filters filters) {
        filters.register(rc -> {
            inFlight.incrementAndGet();
            rc.addEndHandler(done -> inFlight.decrementAndGet());
            rc.next();
        }, Integer.MAX_VALUE); // first of all filters
    }

    void started(@Observes StartupEvent ev) {
        nodeId = config.route().nodeId().orElse("api-" + hostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid());
        directory = new NodeDirectory(redis, client.keys());
        member = new PoolMember(routes.decisions(), "api", nodeId, config.route().nodeTtlMs(), routes::settings);
    }

    /** The configured URI, else http://host:port once the HTTP server knows its (possibly random) port. */
    private String uri() {
        if (uri != null) return uri;
        if (config.route().uri().isPresent()) return uri = config.route().uri().get();
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(key, ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("0"));
        if (port.equals("0")) return "";
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? hostName() : httpHost;
        uri = "http://" + host + ":" + port;
        LOG.infof("API node %s at %s, capacity %d requests in flight", nodeId, uri, config.route().capacity());
        return uri;
    }

    @Scheduled(every = "${costq.route.heartbeat-ms:1000}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeatOnce() {
        NodeDirectory d = directory;
        if (d == null) return;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("role", "api");
        double cpu = cpu();
        fields.put("cpu", String.format(Locale.ROOT, "%.3f", cpu));
        fields.put("runningTasks", String.valueOf(inFlight()));
        fields.put("maxTasks", String.valueOf(config.route().capacity()));
        fields.put("uri", uri());
        fields.putAll(live.report().fields()); // the config version it runs, and the newest it refused
        try {
            d.heartbeat(nodeId, clock.millis(), config.route().nodeTtlMs(), fields);
        } catch (RuntimeException e) {
            LOG.debugf("API heartbeat failed: %s", e);
        }
        member.report(fields.get("uri"), config.route().capacity(), inFlight(), cpu, clock.millis());
    }

    /** Leaves the directory at once on a clean stop (a crash leaves it when the entry expires). */
    void stop(@Observes ShutdownEvent ev) {
        NodeDirectory d = directory;
        directory = null;
        if (d == null) return;
        member.leave(clock.millis());
        try {
            d.leave(nodeId);
        } catch (RuntimeException e) {
            LOG.debugf("could not leave the node directory: %s", e);
        }
    }

    /** Requests in flight, not counting the heartbeat's own caller. */
    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    public String nodeId() {
        return nodeId;
    }

    private static double cpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getCpuLoad();
            return load < 0 ? 0 : load;
        }
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
