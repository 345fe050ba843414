package io.costq.api;

import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.config.ConfigHistoryEntry;
import io.costq.core.route.AdmitSession;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.PoolView;
import io.costq.core.route.RegisterServer;
import io.costq.core.route.ReleaseSession;
import io.costq.core.route.RenewSession;
import io.costq.core.route.RouteInput;
import io.costq.core.route.RouteSettings;
import io.costq.core.route.ServerReport;
import io.costq.core.route.TeachServer;
import io.costq.core.route.Teaching;
import io.costq.model.Clock;
import io.costq.quarkus.LiveConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/**
 * The decision server behind the REST resources: every call goes to Redis in one script with the live route
 * settings and this instance's clock, so every API instance answers alike.
 */
@Singleton
public class RouteService {
    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    RedissonClient redis;
    @Inject
    CostqSettings costq;
    @Inject
    LiveConfig live;
    @Inject
    Clock clock;

    private DecisionServer decisions;

    @PostConstruct
    void init() {
        decisions = new DecisionServer(redis, costq.keyPrefix(), costq.cluster());
    }

    public DecisionServer decisions() {
        return decisions;
    }

    /** The route settings in force on this instance (the live config's). */
    public RouteSettings settings() {
        return live.current().settings().route();
    }

    /** @param owner the caller's key name: the session is tied to it, and the client is that key's client */
    public AdmitSession.Outcome route(String pool, String client, String owner) {
        return decisions.route(pool, client, owner, clock.millis(), settings());
    }

    /** @param owner the caller's key name, which must be the one that opened the session (else: as unknown) */
    public RenewSession.Renewal renew(String session, String server, String client, String owner) {
        if ((server == null) != (client == null)) {
            throw new InvalidInputException(server == null ? "server" : "client", "name both server and client, or neither");
        }
        return decisions.renew(session, server, client, owner, clock.millis(), settings());
    }

    public Optional<ReleaseSession.Released> release(String session) {
        return decisions.release(session, clock.millis(), settings());
    }

    public RegisterServer.Registration register(String pool, ServerReport report) {
        RouteSettings s = settings();
        return decisions.register(pool, report, clock.millis(), s.servers().leaseMs(), s);
    }

    public boolean leave(String pool, String server) {
        return decisions.leave(pool, server, clock.millis());
    }

    /** The pool's servers; 404-worthy (empty) when nothing is known about the pool. */
    public Optional<PoolView> view(String pool) {
        PoolView v = decisions.view(pool, clock.millis(), settings());
        return v.servers().isEmpty() && v.sessions() == 0 && !settings().configures(pool) ? Optional.empty() : Optional.of(v);
    }

    public TeachServer.Taught teach(String pool, String server, Teaching t, String who) {
        return decisions.teach(pool, server, t, who, clock.millis());
    }

    public List<ConfigHistoryEntry> history(String pool, int limit) {
        return decisions.history(RouteInput.pool(pool), limit);
    }
}
