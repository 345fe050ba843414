package io.costq.core.route;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a session and the one table of legal transitions; each session script names its lines in its
 * header. NONE is "not in Redis": before admission, or after a failover lost the write. RELEASED and EXPIRED leave
 * nothing behind either, so for the store they are NONE again: a renewal naming the session's server brings back a
 * session whose client is in fact still connected (NONE -> LIVE, "restored").
 */
public enum SessionState {
    NONE,
    /** Counted on its server until released or its lease runs out; renewals extend the lease. */
    LIVE,
    /** The client or its server said the connection ended. */
    RELEASED,
    /** The lease ran out: the client vanished without releasing. */
    EXPIRED;

    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            NONE, EnumSet.of(LIVE),
            LIVE, EnumSet.of(LIVE, RELEASED, EXPIRED),
            RELEASED, EnumSet.noneOf(SessionState.class),
            EXPIRED, EnumSet.noneOf(SessionState.class));

    public boolean canMoveTo(SessionState next) {
        return ALLOWED.get(this).contains(next);
    }
}
