package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which server a client gets, against a real redis-server: the rules of {@code admitSession.lua}. */
class AdmitSessionTest extends RouteFixture {

    @Test
    void aClientGetsTheServerWithTheLowestLoadFractionThatHasRoom() {
        server("a", 10, 2);
        server("b", 10, 1);
        server("c", 100, 5); // 5 % loaded: the lowest fraction
        AdmitSession.Admitted r = admitted("c1");
        assertThat(r.server()).isEqualTo("c");
        assertThat(r.uri()).isEqualTo("tcp://c:2000");
        assertThat(r.load()).isEqualTo(6);
        assertThat(r.capacity()).isEqualTo(100);
        assertThat(r.allowedSessions()).isEqualTo(40);
        assertThat(r.sticky()).isFalse();
        assertThat(r.session()).startsWith(POOL + "~");
        server("c", 100, 39); // c is at 40 % (its session + 39 reported): full; b (10 %) is the lowest with room
        assertThat(admitted("c2").server()).isEqualTo("b");
        server("b", 10, 3); // b at 4 of its 4 with c2: full; a (2 of 10) is next
        assertThat(admitted("c3").server()).isEqualTo("a");
    }

    @Test
    void noServerExceedsItsAllowedLoadAndTheNextClientIsTurnedAway() {
        for (String id : new String[]{"m1", "m2", "m3"}) server(id, 100);
        Map<String, Integer> perServer = new HashMap<>();
        for (int i = 0; i < 120; i++) perServer.merge(admitted("client-" + i).server(), 1, Integer::sum);
        assertThat(perServer).containsOnly(Map.entry("m1", 40), Map.entry("m2", 40), Map.entry("m3", 40));
        assertThat(route("client-120")).isEqualTo(new AdmitSession.Full(3));
        assertThat(sessionsOn("m1")).isEqualTo(40);
    }

    @Test
    void aClientAskingAgainGetsItsOwnSessionBackCountedOnce() {
        server("a", 100);
        server("b", 100);
        AdmitSession.Admitted first = admitted("alice");
        AdmitSession.Admitted again = admitted("alice");
        assertThat(again.session()).isEqualTo(first.session());
        assertThat(again.server()).isEqualTo(first.server());
        assertThat(again.existing()).isTrue();
        assertThat(again.sticky()).isTrue();
        assertThat(again.load()).isEqualTo(1);
        assertThat(decisions.view(POOL, now, SETTINGS).sessions()).isEqualTo(1);
    }

    @Test
    void aDrainingServerGetsNoNewSessionsAndItsClientsAskingAgainMove() {
        server("a", 100);
        AdmitSession.Admitted alice = admitted("alice");
        assertThat(alice.server()).isEqualTo("a");
        server("b", 100, 30);
        decisions.teach(POOL, "a", Teaching.NOTHING.withDraining(true), "ops", now);
        assertThat(admitted("bob").server()).isEqualTo("b");
        AdmitSession.Admitted moved = admitted("alice");
        assertThat(moved.server()).isEqualTo("b");
        assertThat(moved.session()).isNotEqualTo(alice.session());
        assertThat(sessionsOn("a")).isZero();
        // a server may also say itself that it drains (e.g. before it stops)
        decisions.register(POOL, new ServerReport("b", "tcp://b:2000", 100, 30, null, true), now, 10_000, SETTINGS);
        assertThat(route("carol")).isEqualTo(new AdmitSession.Full(2));
    }

    @Test
    void aServerWhoseRegistrationLapsedGetsNoSessionsAndItsClientsMove() {
        server("a", 100);
        assertThat(admitted("alice").server()).isEqualTo("a");
        now += 5_000;
        server("b", 100, 10);
        now += 6_000; // a's lease (10 s) ran out, b's did not
        assertThat(admitted("alice").server()).isEqualTo("b");
        assertThat(admitted("bob").server()).isEqualTo("b");
        decisions.leave(POOL, "b", now);
        assertThat(route("carol")).isEqualTo(new AdmitSession.Full(0));
    }

    @Test
    void anUnknownPoolIsToldApartFromAPoolWithNoRoom() {
        assertThat(decisions.route("nobody", "c1", now, SETTINGS)).isEqualTo(new AdmitSession.UnknownPool());
        decisions.teach("taught-only", "s1", Teaching.NOTHING.withCapacity(10), "ops", now);
        assertThat(decisions.route("taught-only", "c1", now, SETTINGS)).isEqualTo(new AdmitSession.Full(0));
    }

    @Test
    void tiesGoToFewerSessionsThenToTheLowerIdSoEveryInstanceAnswersAlike() {
        server("b", 100);
        server("a", 100);
        assertThat(admitted("c1").server()).isEqualTo("a");
        assertThat(admitted("c2").server()).isEqualTo("b");
        server("c", 200, 2); // same fraction as a and b (1 %), more sessions
        assertThat(admitted("c3").server()).isEqualTo("a");
    }

    @Test
    void oddIdsNeverBecomeRawKeyParts() {
        decisions.register(POOL, new ServerReport("host:1 {x}", "tcp://odd:2000", 100, 0, null, false), now, 10_000, SETTINGS);
        AdmitSession.Admitted r = admitted("client with spaces:and {braces}");
        assertThat(r.server()).isEqualTo("host:1 {x}");
        var keys = redis.getKeys().getKeysStreamByPattern("*" + prefix + "*").toList();
        assertThat(keys).isNotEmpty().noneMatch(k -> k.contains("braces") || k.contains("{x}"));
    }
}
