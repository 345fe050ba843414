package io.costq.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port: the one launcher of the tests, of the cluster and
 * sentinel test support ({@link RedisClusterProcess}, {@link RedisSentinelProcess}) and of the benchmarks. Never the machine's own Redis on 6379: every run starts
 * its own. Extra arguments (e.g. AOF settings) may be given; a data directory of its own is used so AOF restarts
 * work, and removed on {@link #close()}. The binary: {@code $COSTQ_TEST_REDIS_SERVER}, else {@code $REDIS_SERVER},
 * else {@code redis-server} on the PATH ({@link Launchers#binary}).
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServerProcess(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** Starts a non-persistent Redis on a free port. */
    public static RedisServerProcess start() {
        return start(List.of("--save", "", "--appendonly", "no"));
    }

    public static RedisServerProcess start(List<String> extraArgs) {
        try {
            RedisServerProcess r = new RedisServerProcess(freePort(), Files.createTempDirectory("costq-redis-"), extraArgs);
            r.launch();
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Starts the process again on the same port and directory (e.g. after {@link #kill9()}), reloading its AOF. */
    public void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Launchers.binary("redis-server"), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Process started = process;
        boolean up = Launchers.poll(10_000, 20, () -> ping() ? Optional.of(true)
                : started.isAlive() ? Optional.<Boolean>empty() : Optional.of(false)).orElse(false);
        if (up) return;
        throw new IllegalStateException("redis-server did not answer on port " + port + "; log: "
                + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the process with SIGKILL, as a crash would. */
    public void kill9() {
        if (process == null) return;
        try {
            new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process and removes its directory. */
    @Override
    public void close() {
        if (process != null) Launchers.stop(process);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** A free loopback port, never 6379 (the machine's own Redis). */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                if (s.getLocalPort() != 6379) return s.getLocalPort();
            }
        }
    }

}
