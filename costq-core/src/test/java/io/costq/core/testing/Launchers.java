package io.costq.core.testing;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the Redis launchers ({@link RedisServerProcess}, {@link RedisClusterProcess}, {@link RedisSentinelProcess},
 * {@link RedisCli}) share: finding a Redis binary, waiting for a state they poll, and stopping a child process.
 */
final class Launchers {
    private static final List<String> USUAL_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin");

    private Launchers() {
    }

    /**
     * {@code redis-server}, {@code redis-cli} or {@code redis-sentinel}: {@code $COSTQ_TEST_REDIS_SERVER} (else
     * {@code $REDIS_SERVER}) for the server and the directory it is in for the others, else the PATH, else the usual
     * directories.
     */
    static String binary(String name) {
        List<File> candidates = new ArrayList<>();
        for (String var : List.of("COSTQ_TEST_REDIS_SERVER", "REDIS_SERVER")) {
            String env = System.getenv(var);
            if (env == null || env.isBlank()) continue;
            if (name.equals("redis-server")) return env;
            candidates.add(new File(new File(env).getAbsoluteFile().getParentFile(), name));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) candidates.add(new File(dir, name));
        }
        for (String dir : USUAL_DIRS) candidates.add(new File(dir, name));
        for (File f : candidates) {
            if (f.canExecute()) return f.getPath();
        }
        String pkg = name.equals("redis-sentinel") ? "redis-sentinel" : "redis-server";
        throw new IllegalStateException(name + " not found on PATH: install it (apt-get install -y " + pkg + "); "
                + ".ci/run does this on a fresh machine");
    }

    /**
     * Asks {@code probe} every {@code everyMs} until it answers a value, for at most {@code timeoutMs}; a probe that
     * throws (a topology in flux, a process not listening yet) answers nothing that time.
     */
    static <T> Optional<T> poll(long timeoutMs, long everyMs, Supplier<Optional<T>> probe) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                Optional<T> answer = probe.get();
                if (answer.isPresent()) return answer;
            } catch (RuntimeException notYet) {
                // asked again below
            }
            if (System.currentTimeMillis() >= deadline) return Optional.empty();
            try {
                Thread.sleep(everyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Waits until {@code condition} holds (see {@link #poll}); fails naming {@code what} when it does not in time. */
    static void await(String what, long timeoutMs, long everyMs, Supplier<Boolean> condition) {
        poll(timeoutMs, everyMs, () -> Optional.of(condition.get()).filter(Boolean::booleanValue))
                .orElseThrow(() -> new IllegalStateException(what + " within " + timeoutMs + " ms"));
    }

    /** SIGTERM, then SIGKILL when the process has not ended within 5 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
