package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costq.core.InvalidInputException;
import io.costq.core.config.ConfigChange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A server whose CPU rises linearly with its sessions (true capacity 250, 5 % idle, noise and spikes), reporting
 * every second while clients come and go, time stepped: the decision server learns its capacity and puts it to
 * use; what the admin teaches caps it, or pins it.
 */
class CapacityLearningTest extends RouteFixture {
    private static final double TRUE_CAPACITY = 250;
    private final SplittableRandom random = new SplittableRandom(2009);
    private final Deque<String> live = new ArrayDeque<>();
    private int clients;

    /** One second: a few clients arrive, fewer leave, live ones renew every 10 s, the server reports its CPU. */
    private RegisterServer.Registration second(int arrivals) {
        now += 1_000;
        for (int i = 0; i < arrivals; i++) {
            if (route("c" + clients++) instanceof AdmitSession.Admitted a) live.add(a.session());
        }
        if (!live.isEmpty() && random.nextInt(3) == 0) decisions.release(live.poll(), now, SETTINGS);
        if (now / 1_000 % 10 == 0) live.forEach(s -> decisions.renew(s, null, null, now, SETTINGS));
        long sessions = live.size();
        double cpu = 0.05 + 0.95 * sessions / TRUE_CAPACITY + 0.02 * (random.nextDouble() - 0.5);
        if (random.nextInt(10) == 0) cpu = 0.95; // a spike: a backup, a GC
        return decisions.register(POOL, new ServerReport("m1", "tcp://m1:2000", null, 0, cpu, false), now, 10_000, SETTINGS);
    }

    private ServerView m1() {
        return decisions.view(POOL, now, SETTINGS).servers().get(0);
    }

    @Test
    void learnsTheCapacityFromCpuAndTheAdminsLowerCapWins() {
        RegisterServer.Registration r = null;
        for (int s = 0; s < 29; s++) r = second(2);
        assertThat(r.capacitySource()).as("warming up").isEqualTo("default");
        assertThat(live).hasSizeLessThanOrEqualTo(40); // 40 % of the default 100
        for (int s = 0; s < 120; s++) second(3);

        ServerView m1 = m1();
        System.out.printf("learned capacity %d (true %.0f) from %d samples, %d inliers, r2 %.3f%n", m1.capacity(),
                TRUE_CAPACITY, m1.learned().samples(), m1.learned().inliers(), m1.learned().r2());
        assertThat(m1.capacitySource()).isEqualTo("learned");
        assertThat((double) m1.capacity()).isCloseTo(TRUE_CAPACITY, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(m1.learned().samples()).isGreaterThanOrEqualTo(100);
        assertThat(m1.sessions()).as("the learned capacity is used").isGreaterThan(40).isLessThanOrEqualTo(m1.allowedSessions());
        assertThat(m1.reported().utilization()).isNotNull();

        decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(150), "ops", now);
        m1 = m1();
        assertThat(m1.capacity()).isEqualTo(150);
        assertThat(m1.capacitySource()).isEqualTo("taught");
        assertThat(m1.allowedSessions()).isEqualTo(60);
        assertThat(m1.learned().capacity()).as("still shown").isBetween(225L, 275L);

        decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(1_000), "ops", now); // a higher cap does not raise it
        assertThat(m1().capacitySource()).isEqualTo("learned");
        decisions.teach(POOL, "m1", Teaching.NOTHING.withPinned(true), "ops", now); // unless pinned
        assertThat(m1().capacity()).isEqualTo(1_000);
        assertThat(m1().capacitySource()).isEqualTo("pinned");
    }

    @Test
    void whatTheServerReportsCapsWhatIsLearned() {
        decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(10_000).withPinned(true), "ops", now);
        for (int s = 0; s < 100; s++) second(3); // learns while pinned (pinned high, so sessions can grow)
        decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(null).withPinned(false), "ops", now);
        decisions.register(POOL, new ServerReport("m1", "tcp://m1:2000", 200, 0, null, false), now, 10_000, SETTINGS);
        assertThat(m1().capacity()).isEqualTo(200);
        assertThat(m1().capacitySource()).isEqualTo("reported");
        decisions.register(POOL, new ServerReport("m1", "tcp://m1:2000", 5_000, 0, null, false), now, 10_000, SETTINGS);
        assertThat(m1().capacitySource()).isEqualTo("learned");
    }

    @Test
    void teachingIsValidatedAndAudited() {
        assertThatThrownBy(() -> decisions.teach(POOL, "m1", Teaching.NOTHING.withPinned(true), "ops", now))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("pinned");
        assertThatThrownBy(() -> decisions.teach(POOL, "m1", Teaching.NOTHING, "ops", now))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("body");
        assertThatThrownBy(() -> Teaching.NOTHING.withCapacity(0)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("capacity");
        var first = decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(2_000).withPinned(true), "alice", now);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.taught()).isEqualTo(new ServerView.TaughtView(2_000, true, false));
        assertThat(decisions.teach(POOL, "m1", Teaching.NOTHING.withCapacity(2_000), "bob", now).version()).as("no change").isEqualTo(1);
        decisions.teach(POOL, "m1", Teaching.NOTHING.withDraining(true).withPinned(false), "bob", now + 1);
        var history = decisions.history(POOL, 10);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).who()).isEqualTo("bob");
        assertThat(history.get(0).atMs()).isEqualTo(now + 1);
        assertThat(history.get(0).changes()).containsExactly(new ConfigChange("m1.pinned", "true", null),
                new ConfigChange("m1.draining", null, "true"));
        assertThat(history.get(1).changes()).containsExactly(new ConfigChange("m1.capacity", null, "2000"),
                new ConfigChange("m1.pinned", null, "true"));
    }
}
