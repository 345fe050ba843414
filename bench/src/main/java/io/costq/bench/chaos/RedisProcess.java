package io.costq.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A throw-away, non-persistent redis-server on a free loopback port (never 6379). */
final class RedisProcess implements AutoCloseable {
    final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static RedisProcess start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("costq-chaos-redis-");
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisProcess r = new RedisProcess(port, p);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!r.pong()) {
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                r.close();
                throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
            }
            Thread.sleep(20);
        }
        return r;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean pong() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[5];
            return in.read(buf) > 0 && buf[0] == '+';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
