package io.costq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bench/bullmq/run.sh --port P} against the same Redis and reads its one JSON line. */
final class BullmqPeer {
    private BullmqPeer() {
    }

    /** The peer's figures, or a reason why it was skipped. */
    record Outcome(JsonNode figures, String skipped) {
    }

    static Outcome run(Path repo, String host, int port, int jobs, int warmup) throws InterruptedException {
        Path script = repo.resolve("bench/bullmq/run.sh");
        if (!Files.isRegularFile(script)) return new Outcome(null, "no " + script);
        if (!works("node", "--version")) return new Outcome(null, "node is not installed");
        if (!Files.isDirectory(repo.resolve("bench/bullmq/node_modules")) && !works("npm", "--version")) {
            return new Outcome(null, "npm is not installed (needed once for bench/bullmq/node_modules)");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "--host", host, "--port", String.valueOf(port), "--jobs", String.valueOf(jobs),
                    "--warmup", String.valueOf(warmup),
                    // the script's 120 s default covers 20,000 jobs; a long warm-up (up to 30 x --jobs) needs more
                    "--timeout", String.valueOf(Math.max(120, (jobs + warmup) / 1_000)))
                    .directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(null, "BullMQ bench timed out");
            }
            List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
            if (lines.isEmpty()) return new Outcome(null, "BullMQ bench printed no JSON (exit " + p.exitValue() + ")");
            JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            if (p.exitValue() != 0) BenchMain.log("BullMQ bench exited with " + p.exitValue() + " (figures kept)");
            return new Outcome(json, null);
        } catch (IOException e) {
            return new Outcome(null, "BullMQ bench failed to run: " + e.getMessage());
        }
    }

    private static boolean works(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
