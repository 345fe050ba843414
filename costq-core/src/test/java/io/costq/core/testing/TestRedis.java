package io.costq.core.testing;

import io.costq.core.RedisConnector;
import java.util.UUID;
import org.redisson.api.RedissonClient;

/**
 * One real redis-server for the whole test JVM, started on first use and stopped at exit, plus a fresh random
 * key prefix per test so tests never see each other's keys.
 */
public final class TestRedis {
    private static RedisServerProcess server;
    private static RedissonClient client;

    private TestRedis() {
    }

    public static synchronized RedisServerProcess server() {
        if (server == null) {
            server = RedisServerProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
        }
        return server;
    }

    public static synchronized RedissonClient client() {
        if (client == null) {
            client = RedisConnector.connect(server().url(), null, 64);
        }
        return client;
    }

    public static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
