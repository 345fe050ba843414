package io.costq.core.route;

import io.costq.core.ClusterSettings;
import io.costq.core.config.ConfigHistory;
import io.costq.core.config.ConfigHistoryEntry;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The decision server (seed 000): clients ask it which server of a pool to connect to and hold a session there;
 * servers join and leave pools and report their load; the admin teaches it capacities. All of it lives in Redis
 * and each step is one script, so every API instance (and every costq node registering itself) answers alike and
 * losing one loses nothing. Time comes in as {@code nowMs}, so tests step it.
 */
public final class DecisionServer {
    /** Expired sessions a call ends before it counts: a bounded cost per call. */
    static final int EXPIRE_LIMIT = 100;
    /** A server's capacity is refitted every this many utilization samples, once past the warm-up. */
    static final int REFIT_EVERY = 5;

    private final RedissonClient redis;
    private final String keyPrefix;
    private final SessionIds ids = new SessionIds();
    private final AdmitSession admit;
    private final RenewSession renew;
    private final ReleaseSession release;
    private final ExpireSessions expire;
    private final RegisterServer register;
    private final LeaveServer leave;
    private final TeachServer teach;
    private final ReadPool read;
    private final PutRouteSettings put;

    public DecisionServer(RedissonClient redis, String keyPrefix, ClusterSettings cluster) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        RouteCalls calls = new RouteCalls(redis, cluster);
        this.admit = new AdmitSession(calls);
        this.renew = new RenewSession(calls);
        this.release = new ReleaseSession(calls);
        this.expire = new ExpireSessions(calls);
        this.register = new RegisterServer(calls);
        this.leave = new LeaveServer(calls);
        this.teach = new TeachServer(calls);
        this.read = new ReadPool(calls);
        this.put = new PutRouteSettings(calls);
    }

    /**
     * Stores config {@code version}'s allowed load and default capacity of every pool it configures an allowed load
     * for, in that pool's slot, where admits and registrations read them (a pool with none stored uses the caller's
     * settings). Only a newer version replaces what a pool holds; start-up configs (version 0) replace each other.
     * A pool some version configured ({@code {prefix:route}:configured}) that this one does not has its settings
     * removed (same version rule). Answers the pools that took the version.
     */
    public List<String> putSettings(long version, RouteSettings s) {
        var configured = redis.<String>getSet(RouteKeys.configuredPools(keyPrefix), StringCodec.INSTANCE);
        java.util.Set<String> pools = new java.util.TreeSet<>(s.allowed().perPool().keySet());
        if (!pools.isEmpty()) configured.addAll(pools);
        pools.addAll(configured.readAll());
        List<String> stored = new java.util.ArrayList<>();
        for (String pool : pools) {
            Double allowed = s.configures(pool) ? s.allowedLoad(pool) : null;
            if (put.run(keys(RouteInput.pool(pool)), version, allowed, s.servers().defaultCapacity())) stored.add(pool);
        }
        return stored;
    }

    public AdmitSession.Outcome route(String pool, String client, long nowMs, RouteSettings s) {
        return route(pool, client, null, nowMs, s);
    }

    /**
     * @param owner the API key name the new session is tied to ({@link SessionIds#heldBy}) and whose clients it is of
     *              (two keys' clients of one id are two clients); null: none
     */
    public AdmitSession.Outcome route(String pool, String client, String owner, long nowMs, RouteSettings s) {
        RouteInput.pool(pool);
        RouteInput.client(client);
        return admit.run(keys(pool), clientOf(owner, client), ids.next(pool, owner), nowMs, s.allowedLoad(pool), s);
    }

    /** A key's client as the pool's keys name it: the id itself without a key, else under the key's name. */
    private static String clientOf(String owner, String client) {
        return owner == null || client == null ? client : owner + "/" + client;
    }

    /** @param server, client where the session is restored if it is gone (what the client holds); null = no restore */
    public RenewSession.Renewal renew(String session, String server, String client, long nowMs, RouteSettings s) {
        return renew(session, server, client, null, nowMs, s);
    }

    /**
     * @param owner the API key name renewing: a session another key opened is UNKNOWN to it; its client is restored
     *              under the key, as {@link #route} names it
     */
    public RenewSession.Renewal renew(String session, String server, String client, String owner, long nowMs, RouteSettings s) {
        if (server != null) RouteInput.server(server);
        if (client != null) RouteInput.client(client);
        if (!SessionIds.heldBy(session, owner)) return RenewSession.Renewal.UNKNOWN;
        return renew.run(keys(SessionIds.poolOf(session)), session, server, clientOf(owner, client), nowMs, s);
    }

    public Optional<ReleaseSession.Released> release(String session, long nowMs, RouteSettings s) {
        return release.run(keys(SessionIds.poolOf(session)), session, nowMs, s);
    }

    /** Ends at most {@code limit} sessions of the pool whose lease ran out; returns how many. */
    public long expire(String pool, long nowMs, int limit, RouteSettings s) {
        return expire.run(keys(RouteInput.pool(pool)), nowMs, s.sessions().stickyMs(), limit);
    }

    /** Joins or renews (lease {@code leaseMs}); past the warm-up, every few samples refits the server's capacity. */
    public RegisterServer.Registration register(String pool, ServerReport report, long nowMs, long leaseMs, RouteSettings s) {
        RouteKeys keys = keys(RouteInput.pool(pool));
        RegisterServer.Registration r = register.run(keys, report, nowMs, leaseMs, s.allowedLoad(pool), s);
        int warmUp = s.servers().learnMinSamples();
        if (r.samples() >= warmUp && (r.samples() - warmUp) % REFIT_EVERY == 0) learn(keys, report.id(), nowMs, warmUp);
        return r;
    }

    /** True when the server was live; it stays listed as gone for a while, so the pool stays known. */
    public boolean leave(String pool, String serverId, long nowMs) {
        return leave.run(keys(RouteInput.pool(pool)), RouteInput.server(serverId), nowMs);
    }

    public TeachServer.Taught teach(String pool, String serverId, Teaching t, String who, long nowMs) {
        return teach.run(keys(RouteInput.pool(pool)), RouteInput.server(serverId), t, who, nowMs);
    }

    /** Every server of the pool, after ending the sessions whose lease ran out (so the counts are current). */
    public PoolView view(String pool, long nowMs, RouteSettings s) {
        RouteKeys keys = keys(RouteInput.pool(pool));
        ReadPool.Read r = read.run(keys, nowMs, s.allowedLoad(pool), s); // reads only: a GET writes nothing (lapsed sessions not counted)
        return new PoolView(pool, r.allowedLoad(), r.sessions(), r.servers());
    }

    /** The admin's changes to the pool's servers, newest first, in the config history's form. */
    public List<ConfigHistoryEntry> history(String pool, int limit) {
        return new ConfigHistory(redis, keys(RouteInput.pool(pool)).audit()).newest(limit);
    }

    private void learn(RouteKeys keys, String serverId, long nowMs, int minSamples) {
        List<String> raw = redis.<String>getList(keys.samples(serverId), StringCodec.INSTANCE).range(0, CapacityFit.WINDOW - 1);
        List<CapacityFit.Sample> samples = raw.stream().map(CapacityFit.Sample::parse).toList();
        // a fit that fails (too noisy, flat) keeps the last one: the server's capacity rarely changes at once
        CapacityFit.fit(samples, minSamples, nowMs).ifPresent(fit ->
                redis.getMap(keys.learned(), StringCodec.INSTANCE).fastPut(serverId, ServerView.json(fit)));
    }

    private RouteKeys keys(String pool) {
        return RouteKeys.of(keyPrefix, pool);
    }
}
