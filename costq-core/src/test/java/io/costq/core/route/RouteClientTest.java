package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.store.Keys;
import io.costq.core.store.NodeDirectory;
import io.costq.core.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** The decision server's script against a real redis-server: nodes are published as their heartbeats would be. */
class RouteClientTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long STICKY_MS = 60_000;
    private final RedissonClient redis = TestRedis.client();
    private final Keys keys = new Keys(TestRedis.freshPrefix(), 0);
    private final NodeDirectory directory = new NodeDirectory(redis, keys);
    private final RouteClient route = new RouteClient(redis, keys);
    private long seen = NOW;

    private void node(String id, String role, int load, int capacity) {
        directory.heartbeat(id, ++seen, 3_600_000, Map.of("role", role, "runningTasks", String.valueOf(load),
                "maxTasks", String.valueOf(capacity), "uri", "http://" + id));
    }

    private RouteClient.Outcome ask(String client, double allowed) {
        return route.run("pool", client, NOW, allowed, STICKY_MS);
    }

    @Test
    void picksTheLeastLoadedNodeOfThePoolUnderItsLimit() {
        node("a", "pool", 5, 10);
        node("b", "pool", 3, 10);
        node("c", "pool", 1, 100); // least loaded fraction ...
        node("d", "other", 0, 10); // ... other pools never count
        Route r = ask("c1", 0.4).route().orElseThrow();
        assertThat(r.nodeId()).isEqualTo("c");
        assertThat(r.uri()).isEqualTo("http://c");
        assertThat(r.sticky()).isFalse();
        node("c", "pool", 50, 100); // now above 0.4: b is the least loaded under the limit
        assertThat(ask("c2", 0.4).route().orElseThrow().nodeId()).isEqualTo("b");
    }

    @Test
    void aClientKeepsItsNodeWhileThatNodeIsLiveAndUnderItsLimit() {
        node("a", "pool", 2, 10);
        node("b", "pool", 5, 10);
        assertThat(ask("alice", 0.8).route().orElseThrow().nodeId()).isEqualTo("a");
        node("a", "pool", 6, 10);
        node("b", "pool", 0, 10); // b is now the least loaded, but alice stays on a
        Route again = ask("alice", 0.8).route().orElseThrow();
        assertThat(again.nodeId()).isEqualTo("a");
        assertThat(again.sticky()).isTrue();
        assertThat(ask("bob", 0.8).route().orElseThrow().nodeId()).isEqualTo("b");
        node("a", "pool", 8, 10); // a reaches its limit: alice moves
        assertThat(ask("alice", 0.8).route().orElseThrow().nodeId()).isEqualTo("b");
        redis.getBucket(keys.node("b")).delete(); // b expires: alice moves again, to the only live node under its limit
        node("a", "pool", 1, 10);
        assertThat(ask("alice", 0.8).route().orElseThrow().nodeId()).isEqualTo("a");
    }

    @Test
    void noNodeWhenEveryNodeIsAtItsLimit() {
        node("a", "pool", 4, 10);
        node("b", "pool", 40, 100);
        RouteClient.Outcome full = ask("c1", 0.4);
        assertThat(full.route()).isEmpty();
        assertThat(full.liveNodes()).isEqualTo(2);
        assertThat(route.run("empty-pool", "c1", NOW, 0.8, STICKY_MS).liveNodes()).isZero();
    }

    @Test
    void routesGivenSinceTheLastHeartbeatCountAsLoad() {
        node("a", "pool", 0, 4);
        node("b", "pool", 1, 4);
        // a burst of new clients between heartbeats spreads instead of all landing on a
        assertThat(ask("x1", 1.0).route().orElseThrow().nodeId()).isEqualTo("a");
        assertThat(ask("x2", 1.0).route().orElseThrow().nodeId()).isEqualTo("a");
        assertThat(ask("x3", 1.0).route().orElseThrow().nodeId()).isEqualTo("b");
        node("a", "pool", 0, 4); // a fresh heartbeat replaces the guess with the node's own count
        assertThat(ask("x4", 1.0).route().orElseThrow().nodeId()).isEqualTo("a");
    }

    @Test
    void clientIdsNeverBecomeKeyPartsAndOddNodeIdsAreFound() {
        node("host:1 {x}", "pool", 0, 10);
        Route r = ask("client with spaces:and {braces}", 0.8).route().orElseThrow();
        assertThat(r.nodeId()).isEqualTo("host:1 {x}");
        assertThat(redis.getKeys().getKeysStream().filter(k -> k.contains("braces")).toList()).isEmpty();
    }

    @Test
    void forgottenAfterTheStickyTtl() {
        node("a", "pool", 0, 10);
        node("b", "pool", 1, 10);
        assertThat(ask("c1", 0.8).route().orElseThrow().nodeId()).isEqualTo("a");
        node("a", "pool", 5, 10);
        node("b", "pool", 0, 10);
        // much later: c1's stickiness lapsed, so it gets the least loaded node
        assertThat(route.run("pool", "other", NOW + STICKY_MS + 1, 0.8, STICKY_MS).route()).isPresent();
        assertThat(route.run("pool", "c1", NOW + STICKY_MS + 1, 0.8, STICKY_MS).route().orElseThrow().sticky()).isFalse();
    }
}
