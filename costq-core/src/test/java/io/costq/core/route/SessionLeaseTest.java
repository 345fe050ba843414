package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** A session's life against a real redis-server, time stepped: renew, release, expiry, sticky grace, restore. */
class SessionLeaseTest extends RouteFixture {

    @Test
    void aReleasedSessionFreesItsSlotAtOnce() {
        server("a", 10); // 4 sessions at 40 %
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) sessions.add(admitted("c" + i).session());
        assertThat(route("late")).isInstanceOf(AdmitSession.Full.class);
        assertThat(decisions.release(sessions.get(0), now, SETTINGS)).contains(new ReleaseSession.Released("a", "c0"));
        assertThat(decisions.release(sessions.get(0), now, SETTINGS)).isEmpty();
        assertThat(admitted("late").server()).isEqualTo("a");
    }

    @Test
    void aClientThatVanishesFreesItsSlotAfterTheLeaseAndOneThatRenewsKeepsIt() {
        server("a", 10);
        String vanishing = admitted("vanishing").session();
        String staying = admitted("staying").session();
        admitted("c2");
        admitted("c3");
        now += 20_000;
        server("a", 10);
        assertThat(decisions.renew(staying, null, null, now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.RENEWED);
        assertThat(route("late")).isInstanceOf(AdmitSession.Full.class);
        now += 10_001; // vanishing, c2 and c3 were last renewed 30.001 s ago; staying 10.001 s ago
        server("a", 10);
        assertThat(admitted("late").server()).isEqualTo("a");
        assertThat(sessionsOn("a")).isEqualTo(2);
        assertThat(decisions.renew(vanishing, null, null, now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.UNKNOWN);
        assertThat(decisions.renew(staying, null, null, now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.RENEWED);
    }

    @Test
    void aClientReconnectingWithinTheGraceGetsItsServerBack() {
        server("a", 100);
        server("b", 100);
        AdmitSession.Admitted alice = admitted("alice");
        assertThat(alice.server()).isEqualTo("a");
        decisions.release(alice.session(), now, SETTINGS);
        now += 59_000;
        server("b", 100, 0);
        server("a", 100, 20); // a is now busier than b, but alice had a
        AdmitSession.Admitted back = admitted("alice");
        assertThat(back.server()).isEqualTo("a");
        assertThat(back.sticky()).isTrue();
        assertThat(back.existing()).isFalse();
        decisions.release(back.session(), now, SETTINGS);
        now += 60_001; // past the grace: the least loaded server
        server("a", 100, 20);
        server("b", 100, 0);
        AdmitSession.Admitted later = admitted("alice");
        assertThat(later.server()).isEqualTo("b");
        assertThat(later.sticky()).isFalse();
    }

    @Test
    void aSessionLostInAFailoverIsRestoredByItsRenewalOnTheServerItNames() {
        server("a", 100);
        AdmitSession.Admitted s = admitted("alice");
        forget(s.session()); // what a failover that lost the write leaves: nothing
        assertThat(sessionsOn("a")).isZero();
        assertThat(decisions.renew(s.session(), null, null, now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.UNKNOWN);
        RenewSession.Renewal r = decisions.renew(s.session(), "a", "alice", now, SETTINGS);
        assertThat(r.outcome()).isEqualTo(RenewSession.Outcome.RESTORED);
        assertThat(r.deadlineMs()).isEqualTo(now + 30_000);
        assertThat(sessionsOn("a")).isEqualTo(1);
        assertThat(admitted("alice").session()).isEqualTo(s.session()); // the client's session again
        assertThat(decisions.renew(s.session(), "a", "alice", now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.RENEWED);
        // never on a server that is not live
        forget(s.session());
        decisions.leave(POOL, "a", now);
        assertThat(decisions.renew(s.session(), "a", "alice", now, SETTINGS).outcome()).isEqualTo(RenewSession.Outcome.UNKNOWN);
    }

    @Test
    void expiryEndsABoundedNumberOfSessionsPerCallOldestFirst() {
        server("a", 1_000);
        for (int i = 0; i < 250; i++) admitted("c" + i);
        now += 30_001;
        server("a", 1_000); // itself ends the first 100
        assertThat(decisions.expire(POOL, now, 100, SETTINGS)).isEqualTo(100);
        assertThat(decisions.expire(POOL, now, 100, SETTINGS)).isEqualTo(50);
        assertThat(decisions.expire(POOL, now, 100, SETTINGS)).isZero();
        assertThat(sessionsOn("a")).isZero();
    }

    @Test
    void aRenewalTellsWhetherTheSessionsServerIsStillThere() {
        server("a", 100);
        String s = admitted("alice").session();
        assertThat(decisions.renew(s, null, null, now, SETTINGS).serverLive()).isTrue();
        decisions.leave(POOL, "a", now);
        RenewSession.Renewal r = decisions.renew(s, null, null, now, SETTINGS);
        assertThat(r.outcome()).isEqualTo(RenewSession.Outcome.RENEWED);
        assertThat(r.serverLive()).isFalse();
    }

    /** Removes every trace of a session, as a failover that lost its write would. */
    private void forget(String session) {
        RouteKeys k = RouteKeys.of(prefix, POOL);
        var sessions = redis.<String, String>getMap(k.sessions(), StringCodec.INSTANCE);
        String server = sessions.get(session).split("\n")[0];
        sessions.fastRemove(session);
        redis.getScoredSortedSet(k.deadlines(), StringCodec.INSTANCE).remove(session);
        redis.getMap(k.clients(), StringCodec.INSTANCE).fastRemove("alice");
        redis.<String, String>getMap(k.load(), StringCodec.INSTANCE).addAndGet(server, -1);
    }

    @Test
    void readingAPoolWritesNothingAndDoesNotCountSessionsWhoseLeaseRanOut() {
        server("a", 10);
        String lapsing = admitted("lapsing").session();
        now += 20_000;
        server("a", 10);
        admitted("staying");
        now += 10_001; // lapsing's lease ran out; no admit or registration has swept it yet
        String before = dump();
        PoolView v = decisions.view(POOL, now, SETTINGS);
        assertThat(v.sessions()).isEqualTo(1);
        assertThat(sessionsOn("a")).isEqualTo(1);
        assertThat(dump()).as("the pool's keys after the read").isEqualTo(before);
        assertThat(redis.getMap("{" + prefix + ":route:" + POOL + "}:sessions", StringCodec.INSTANCE).containsKey(lapsing))
                .as("left for the next admit's sweep").isTrue();
    }

    /** Every key of the run's prefix with its value's dump, sorted: equal before and after means nothing was written. */
    private String dump() {
        StringBuilder out = new StringBuilder();
        redis.getKeys().getKeysStream().filter(k -> k.contains(prefix)).sorted().forEach(k -> out.append(k).append('=')
                .append(java.util.Arrays.toString((byte[]) redis.getScript(org.redisson.client.codec.ByteArrayCodec.INSTANCE)
                        .eval(org.redisson.api.RScript.Mode.READ_ONLY, "return redis.call('DUMP', KEYS[1])",
                                org.redisson.api.RScript.ReturnType.VALUE, java.util.List.of(k)))).append('\n'));
        return out.toString();
    }
}
