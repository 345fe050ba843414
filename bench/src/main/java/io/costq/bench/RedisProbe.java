package io.costq.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;

/**
 * A plain socket to Redis, apart from the clients under test: reads {@code INFO commandstats cpu} around each
 * phase, flushes between phases and shuts a bench-owned server down.
 */
public final class RedisProbe implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RedisProbe(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    synchronized Object call(String... command) {
        try {
            out.write(Resp.command(command));
            out.flush();
            return Resp.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RedisStats stats() {
        return stats("other");
    }

    /**
     * Reads the counters, then runs {@code $BENCH_SNAPSHOT_HOOK <label>} when that is set (bench/redis-instructions.sh
     * uses it to cut valgrind's instruction count of redis-server at the same points as these readings).
     */
    RedisStats stats(String label) {
        long t = System.nanoTime();
        String info = (String) call("INFO", "commandstats", "cpu");
        Map<String, long[]> commands = new HashMap<>();
        double cpuSeconds = 0;
        for (String line : info.split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring(8, line.indexOf(':'));
                long calls = 0;
                long usec = 0;
                for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (kv.startsWith("calls=")) calls = Long.parseLong(kv.substring(6));
                    if (kv.startsWith("usec=")) usec = Long.parseLong(kv.substring(5));
                }
                commands.put(name, new long[]{calls, usec});
            } else if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                cpuSeconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
            }
        }
        RedisStats stats = new RedisStats(commands, Math.round(cpuSeconds * 1e6), t);
        hook(label);
        return stats;
    }

    private static void hook(String label) {
        String hook = System.getenv("BENCH_SNAPSHOT_HOOK");
        if (hook == null || hook.isBlank()) return;
        try {
            new ProcessBuilder(hook, label).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String version() {
        String info = (String) call("INFO", "server");
        for (String line : info.split("\r\n")) if (line.startsWith("redis_version:")) return line.substring(14);
        return "?";
    }

    void flushAll() {
        call("FLUSHALL");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
