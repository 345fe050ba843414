package io.costq.core.route;

import io.costq.core.store.Keys;
import java.util.List;

/**
 * The decision server's keys for one pool. They share the pool's own hash tag {@code {prefix:route:pool}}, so each
 * transition touches one slot of a Redis Cluster and pools spread over its shards; the pool name is
 * percent-encoded; client and server ids are only hash fields and set members, except in a server's samples key,
 * where the id is encoded.
 *
 * @param servers   ZSET server id -> registration deadline (ms)
 * @param info      HASH server id -> JSON of what the server reported (uri, capacity, load, utilization, ...)
 * @param admin     HASH server id -> JSON of what the admin taught (capacity, pinned, draining)
 * @param learned   HASH server id -> JSON of the capacity fit ({@link CapacityFit.Fit})
 * @param load      HASH server id -> live sessions
 * @param sessions  HASH session id -> server id "\n" client id
 * @param deadlines ZSET session id -> lease deadline (ms)
 * @param clients   HASH client id -> its live session
 * @param recent    HASH client id -> the server of its last session (sticky grace)
 * @param recentAt  ZSET client id -> when that memory lapses (ms)
 * @param audit     LIST of the admin's changes, newest first (the config history's JSON entries)
 * @param auditVersion STRING counter of those changes
 * @param settings  HASH '#version', 'allowed', 'capacity': the pool's allowed load fraction and default capacity of
 *                  the config version applied last ({@code putRouteSettings.lua}); admits and registrations use them
 */
public record RouteKeys(String servers, String info, String admin, String learned, String load, String sessions,
                        String deadlines, String clients, String recent, String recentAt, String audit,
                        String auditVersion, String settings) {

    /** The pools some config version stored route settings for (SET), so a later version that drops one removes them. */
    public static String configuredPools(String keyPrefix) {
        return "{" + keyPrefix + ":route}:configured";
    }

    public static RouteKeys of(String keyPrefix, String pool) {
        String b = "{" + keyPrefix + ":route:" + Keys.encode(pool) + "}:";
        return new RouteKeys(b + "servers", b + "info", b + "admin", b + "learned", b + "load", b + "sessions",
                b + "deadlines", b + "clients", b + "recent", b + "recentAt", b + "audit", b + "auditVersion", b + "settings");
    }

    /** The ten keys every session script takes first, in the order of {@code lib/route.lua}'s poolKeys. */
    public List<Object> pool() {
        return List.of(servers, info, admin, learned, load, sessions, deadlines, clients, recent, recentAt);
    }

    /** A server's utilization samples (LIST "load utilization", newest first). */
    public String samples(String serverId) {
        return servers.substring(0, servers.length() - "servers".length()) + "samples:" + Keys.encode(serverId);
    }
}
