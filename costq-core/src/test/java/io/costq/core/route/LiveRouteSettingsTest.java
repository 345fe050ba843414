package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.ClusterSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool's allowed load and default capacity live in Redis ({@code putRouteSettings.lua}): two API instances whose
 * own configs disagree admit by what the config version applied last stored, against a real redis-server.
 */
class LiveRouteSettingsTest extends RouteFixture {
    /** A second API instance on the same Redis whose own config allows 90 % in the pool and capacity 10. */
    final DecisionServer other = new DecisionServer(redis, prefix, ClusterSettings.SINGLE);
    static final RouteSettings OTHERS = settings(0.9, 10);

    static RouteSettings settings(double allowed, int defaultCapacity) {
        return new RouteSettings(new RouteSettings.Allowed(0.8, Map.of(POOL, allowed)), SETTINGS.sessions(),
                new RouteSettings.Servers(10_000, defaultCapacity, 30));
    }

    AdmitSession.Admitted admittedByOther(String client) {
        return (AdmitSession.Admitted) other.route(POOL, client, now, OTHERS);
    }

    @Test
    void withNothingStoredEachInstanceUsesItsOwnSettings() {
        server("a", 100);
        assertThat(admitted("c1").allowedSessions()).isEqualTo(40);
        assertThat(admittedByOther("c2").allowedSessions()).isEqualTo(90);
    }

    @Test
    void twoInstancesWithDifferentLocalAllowedLoadsAdmitByTheStoredOne() {
        assertThat(decisions.putSettings(1, SETTINGS)).containsExactly(POOL);
        server("a", null); // no capacity reported: the stored default capacity (100), not the other's 10
        for (int i = 0; i < 20; i++) admitted("mine-" + i);
        for (int i = 0; i < 20; i++) assertThat(admittedByOther("theirs-" + i).allowedSessions()).isEqualTo(40);
        assertThat(admittedByOther("theirs-0").allowedLoad()).isEqualTo(0.4); // its own session again, same rule
        assertThat(other.route(POOL, "one-too-many", now, OTHERS)).isEqualTo(new AdmitSession.Full(1));
        RegisterServer.Registration r = other.register(POOL, new ServerReport("a", "tcp://a:2000", null, 0, null, false),
                now, OTHERS.servers().leaseMs(), OTHERS);
        assertThat(r.capacity()).isEqualTo(100);
        assertThat(r.allowedSessions()).isEqualTo(40);
        PoolView view = other.view(POOL, now, OTHERS);
        assertThat(view.allowedLoad()).isEqualTo(0.4);
        assertThat(view.servers().get(0).allowedSessions()).isEqualTo(40);
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        server("a", 100);
        assertThat(decisions.putSettings(2, SETTINGS)).containsExactly(POOL);
        assertThat(other.putSettings(1, OTHERS)).isEmpty();
        assertThat(other.putSettings(0, OTHERS)).isEmpty(); // a start-up config after a live version
        assertThat(other.putSettings(2, OTHERS)).isEmpty(); // the same live version twice: the first stays
        assertThat(admittedByOther("c1").allowedSessions()).isEqualTo(40);
    }

    @Test
    void aVersionThatNoLongerConfiguresThePoolRemovesItsStoredSettings() {
        server("a", 100);
        decisions.putSettings(1, SETTINGS);
        RouteSettings unlisted = new RouteSettings(new RouteSettings.Allowed(0.8, Map.of()), SETTINGS.sessions(), SETTINGS.servers());
        assertThat(decisions.putSettings(2, unlisted)).containsExactly(POOL);
        assertThat(admittedByOther("c1").allowedSessions()).isEqualTo(90); // each instance's own again
        assertThat(other.putSettings(1, OTHERS)).isEmpty(); // and an older version does not bring them back
    }

    @Test
    void startUpConfigsReplaceEachOtherUntilALiveVersionIsStored() {
        server("a", 100);
        assertThat(decisions.putSettings(0, SETTINGS)).containsExactly(POOL);
        assertThat(other.putSettings(0, OTHERS)).containsExactly(POOL); // the node started last sets them
        assertThat(admitted("c1").allowedSessions()).isEqualTo(90);
    }

    @Test
    void afterALiveChangeBothInstancesEnforceTheNewAllowedLoadAtOnce() {
        server("a", 100);
        decisions.putSettings(1, SETTINGS);
        for (int i = 0; i < 30; i++) admitted("c-" + i);
        decisions.putSettings(2, settings(0.3, 100)); // one instance applies version 2; the other still runs its own
        for (DecisionServer d : List.of(decisions, other)) {
            assertThat(d.route(POOL, "late", now, d == other ? OTHERS : SETTINGS)).isEqualTo(new AdmitSession.Full(1));
        }
        decisions.putSettings(3, settings(0.5, 100));
        assertThat(admittedByOther("late").allowedSessions()).isEqualTo(50);
        assertThat(admitted("later").allowedSessions()).isEqualTo(50);
    }
}
