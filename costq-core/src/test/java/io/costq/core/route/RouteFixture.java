package io.costq.core.route;

import io.costq.core.ClusterSettings;
import io.costq.core.testing.TestRedis;
import java.util.Map;
import org.redisson.api.RedissonClient;

/**
 * The decision server on the run's real redis-server under a fresh key prefix, with a time the test steps: pool
 * {@code forex} allows 40 % (the seed's setting), sessions live 30 s unrenewed and are sticky for 60 s.
 */
abstract class RouteFixture {
    static final String POOL = "forex";
    static final RouteSettings SETTINGS = new RouteSettings(new RouteSettings.Allowed(0.8, Map.of(POOL, 0.4)),
            new RouteSettings.Sessions(30_000, 60_000, 1), new RouteSettings.Servers(10_000, 100, 30));

    final RedissonClient redis = TestRedis.client();
    final String prefix = TestRedis.freshPrefix();
    final DecisionServer decisions = new DecisionServer(redis, prefix, ClusterSettings.SINGLE);
    long now = 1_700_000_000_000L;

    /** A server of {@link #POOL} joins (or renews) with a capacity and no reported load. */
    RegisterServer.Registration server(String id, Integer capacity) {
        return server(id, capacity, 0);
    }

    RegisterServer.Registration server(String id, Integer capacity, int load) {
        return decisions.register(POOL, new ServerReport(id, "tcp://" + id + ":2000", capacity, load, null, false), now,
                SETTINGS.servers().leaseMs(), SETTINGS);
    }

    AdmitSession.Outcome route(String client) {
        return decisions.route(POOL, client, now, SETTINGS);
    }

    AdmitSession.Admitted admitted(String client) {
        return (AdmitSession.Admitted) route(client);
    }

    long sessionsOn(String server) {
        return decisions.view(POOL, now, SETTINGS).servers().stream().filter(s -> s.id().equals(server))
                .mapToLong(ServerView::sessions).sum();
    }
}
