package io.costq.bench.delivery;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The bench's own throw-away redis-server (free loopback port, never 6379, persistence off): the existing
 * {@code io.costq.bench.LocalRedis}, called rather than copied. It is package-private in {@code io.costq.bench},
 * so it is reached by reflection (same jar, unnamed module); if it ever becomes public, call it directly.
 */
final class BenchRedis implements AutoCloseable {
    private final AutoCloseable local;
    final int port;

    private BenchRedis(AutoCloseable local, int port) {
        this.local = local;
        this.port = port;
    }

    static BenchRedis start() throws Exception {
        Class<?> c = Class.forName("io.costq.bench.LocalRedis");
        Method start = c.getDeclaredMethod("start");
        start.setAccessible(true);
        Field port = c.getDeclaredField("port");
        port.setAccessible(true);
        Object local;
        try {
            local = start.invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
        int p = port.getInt(local);
        if (p == 6379) throw new IllegalStateException("LocalRedis picked 6379");
        return new BenchRedis((AutoCloseable) local, p);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        local.close();
    }
}
