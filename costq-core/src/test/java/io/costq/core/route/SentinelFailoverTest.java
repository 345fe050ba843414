package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.ClusterSettings;
import io.costq.core.RedisConnector;
import io.costq.core.RedisOptions;
import io.costq.core.testing.RedisSentinelProcess;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.testing.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Redis through Sentinel (real redis-sentinel processes): the primary is killed (-9) while clients are being routed
 * to two pools. Pool {@code waited} acknowledges a session only once a replica has it (wait-replicas 1): every
 * acknowledged session is still there after the failover. Pool {@code unwaited} does not wait: a session the
 * failover lost is restored by its client's next renewal, which names its server and client (as the SDK's does).
 */
class SentinelFailoverTest {
    private static final RouteSettings SETTINGS = new RouteSettings(new RouteSettings.Allowed(1.0, Map.of()),
            new RouteSettings.Sessions(600_000, 60_000, 1), new RouteSettings.Servers(600_000, 100, 30));

    /** Routes new clients in a loop; a client whose ask failed asks again with the same id, as a real one would. */
    private static final class Router extends Thread {
        final Map<String, AdmitSession.Admitted> acknowledged = new ConcurrentHashMap<>(); // client -> session
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        private final DecisionServer decisions;
        private final String pool;

        Router(DecisionServer decisions, String pool) {
            this.decisions = decisions;
            this.pool = pool;
        }

        @Override
        public void run() {
            int client = 0;
            while (!stop.get()) {
                try {
                    if (decisions.route(pool, "c" + client, System.currentTimeMillis(), SETTINGS) instanceof AdmitSession.Admitted a) {
                        acknowledged.put("c" + client, a);
                    }
                    client++;
                    SentinelFailoverTest.sleep(2); // a few hundred clients a second, not as many as the machine can
                } catch (RuntimeException e) {
                    failures.incrementAndGet(); // Redis is failing over (Redisson waits out most of it): ask again
                    SentinelFailoverTest.sleep(20);
                }
            }
        }
    }

    @Test
    void killingThePrimaryWhileRoutingLosesNoAcknowledgedSession() throws Exception {
        try (RedisSentinelProcess redis = RedisSentinelProcess.start()) {
            RedissonClient client = RedisConnector.connect(new RedisOptions(RedisOptions.Mode.SENTINEL, null,
                    redis.sentinelAddresses(), RedisSentinelProcess.MASTER, null, 8));
            try {
                String prefix = TestRedis.freshPrefix();
                DecisionServer waited = new DecisionServer(client, prefix, new ClusterSettings(1, 1, 500));
                DecisionServer unwaited = new DecisionServer(client, prefix, ClusterSettings.SINGLE);
                for (String s : List.of("m1", "m2", "m3")) {
                    for (String pool : List.of("waited", "unwaited")) {
                        waited.register(pool, new ServerReport(s, "tcp://" + s + ":2000", 100_000, 0, null, false),
                                System.currentTimeMillis(), 600_000, SETTINGS);
                    }
                }
                Router a = new Router(waited, "waited");
                Router b = new Router(unwaited, "unwaited");
                a.start();
                b.start();
                await(() -> a.acknowledged.size() >= 100 && b.acknowledged.size() >= 100);
                RedisServerProcess old = redis.primary();
                old.kill9();
                long killed = System.nanoTime();
                int beforeA = a.acknowledged.size();
                int beforeB = b.acknowledged.size();
                redis.awaitNewPrimary(old, 30_000);
                long promoted = System.nanoTime();
                redis.restart(old, 30_000); // it comes back as the new primary's replica, so WAIT 1 can succeed again
                await(() -> a.acknowledged.size() >= beforeA + 100 && b.acknowledged.size() >= beforeB + 100);
                a.stop.set(true);
                b.stop.set(true);
                a.join();
                b.join();
                System.out.printf("sentinel failover: replica promoted %d ms after the kill; %d + %d sessions acknowledged "
                                + "(waited, unwaited), %d + %d asks failed meanwhile%n", (promoted - killed) / 1_000_000,
                        a.acknowledged.size(), b.acknowledged.size(), a.failures.get(), b.failures.get());
                assertThat(redis.primary()).as("the replica took over").isNotSameAs(old);

                long now = System.currentTimeMillis();
                for (AdmitSession.Admitted s : a.acknowledged.values()) {
                    assertThat(waited.renew(s.session(), null, null, now, SETTINGS).outcome()).as(s.session())
                            .isEqualTo(RenewSession.Outcome.RENEWED);
                }
                int restored = 0;
                for (var e : b.acknowledged.entrySet()) {
                    var r = unwaited.renew(e.getValue().session(), e.getValue().server(), e.getKey(), now, SETTINGS);
                    assertThat(r.outcome()).as(e.getValue().session()).isNotEqualTo(RenewSession.Outcome.UNKNOWN);
                    if (r.outcome() == RenewSession.Outcome.RESTORED) restored++;
                }
                System.out.printf("unwaited: %d of %d sessions restored by their renewal%n", restored, b.acknowledged.size());
                assertThat(waited.view("waited", now, SETTINGS).sessions()).isGreaterThanOrEqualTo(a.acknowledged.size());
                assertThat(unwaited.view("unwaited", now, SETTINGS).sessions()).isGreaterThanOrEqualTo(b.acknowledged.size());
            } finally {
                client.shutdown();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        io.costq.core.testing.Await.until("100 more acknowledged routes on each client", java.time.Duration.ofSeconds(60), condition);
    }

    /** Paces the load generators (a client every few ms), not a wait for an event. */
    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
