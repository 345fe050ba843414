package io.costq.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy in front of Redis that counts what one client sends: commands by name (EVALSHA by script name)
 * and round trips. A round trip starts when a command goes out on a connection that has no reply outstanding, so
 * a pipeline counts once (or a little more when TCP splits it and Redis answers the first part before the rest
 * arrives). Connections that SUBSCRIBE are counted apart: their pushes are not replies.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String redisHost;
    private final int redisPort;
    private final Map<String, String> scriptNames;
    private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    CountingProxy(String redisHost, int redisPort, Map<String, String> scriptNames) throws IOException {
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.scriptNames = scriptNames;
        Thread t = new Thread(this::accept, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** A snapshot of [commands by name, round trips by the name of their first command]. */
    Counts counts() {
        return new Counts(copy(commands), copy(roundTrips));
    }

    record Counts(Map<String, Long> commands, Map<String, Long> roundTrips) {
        Counts since(Counts before) {
            return new Counts(minus(commands, before.commands), minus(roundTrips, before.roundTrips));
        }

        long totalCommands() {
            return commands.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalRoundTrips() {
            return roundTrips.values().stream().mapToLong(Long::longValue).sum();
        }

        private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> out = new ConcurrentHashMap<>();
            a.forEach((k, v) -> {
                long d = v - b.getOrDefault(k, 0L);
                if (d > 0) out.put(k, d);
            });
            return out;
        }
    }

    private static Map<String, Long> copy(Map<String, LongAdder> m) {
        Map<String, Long> out = new ConcurrentHashMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(redisHost, redisPort);
                client.setTcpNoDelay(true);
                redis.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(redis);
                AtomicLong outstanding = new AtomicLong();
                AtomicBoolean subscriber = new AtomicBoolean();
                daemon(() -> requests(client, redis, outstanding, subscriber));
                daemon(() -> replies(redis, client, outstanding, subscriber));
            } catch (IOException e) {
                if (open) BenchMain.log("proxy: " + e);
            }
        }
    }

    private void requests(Socket client, Socket redis, AtomicLong outstanding, AtomicBoolean subscriber) {
        try (client; redis) {
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(redis.getOutputStream(), 64 * 1024);
            while (true) {
                String[] name = Resp.copy(in, out, true);
                String cmd = name == null ? "?" : name[1] != null ? "EVALSHA " + scriptNames.getOrDefault(name[1], name[1]) : name[0];
                if (cmd.endsWith("SUBSCRIBE")) subscriber.set(true);
                if (subscriber.get()) {
                    count(commands, "(pubsub) " + cmd);
                } else {
                    count(commands, cmd);
                    if (outstanding.getAndIncrement() == 0) count(roundTrips, cmd);
                }
                if (in.available() == 0) out.flush();
            }
        } catch (IOException e) {
            // connection closed by either side
        }
    }

    private void replies(Socket redis, Socket client, AtomicLong outstanding, AtomicBoolean subscriber) {
        try {
            InputStream in = new BufferedInputStream(redis.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
            while (true) {
                Resp.copy(in, out, false);
                if (!subscriber.get()) outstanding.decrementAndGet();
                if (in.available() == 0) out.flush();
            }
        } catch (IOException e) {
            closeQuietly(redis);
            closeQuietly(client);
        }
    }

    private static void count(Map<String, LongAdder> m, String key) {
        m.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Socket s : sockets) closeQuietly(s);
    }
}
