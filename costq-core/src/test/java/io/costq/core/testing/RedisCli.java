package io.costq.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code redis-cli} against a local port (a server or a sentinel) and returns what it printed. */
public final class RedisCli {
    private RedisCli() {
    }

    public static String run(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Launchers.binary("redis-cli"), "-h", "127.0.0.1", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
