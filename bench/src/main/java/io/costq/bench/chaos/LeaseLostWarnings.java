package io.costq.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "lease of job X lost" warnings in the workers' console logs ({@code <node>.log}), split into those about a
 * run the same node had already completed (the renewal raced the completion: a false alarm) and the others.
 */
record LeaseLostWarnings(int total, int afterOwnCompletion) {
    private static final Pattern LOST = Pattern.compile("lease of job (\\S+) lost");

    static LeaseLostWarnings read(Path dir, List<Execution> runs) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return new LeaseLostWarnings(0, 0);
        int total = 0;
        int afterOwn = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
        }
        for (Path f : files) {
            String node = f.getFileName().toString().replaceFirst("\\.log$", "");
            for (String line : Files.readAllLines(f)) {
                Matcher m = LOST.matcher(line);
                if (!m.find()) continue;
                total++;
                String job = m.group(1);
                if (runs.stream().anyMatch(r -> r.job().equals(job) && r.node().equals(node) && r.outcome().equals("succeeded"))) {
                    afterOwn++;
                }
            }
        }
        return new LeaseLostWarnings(total, afterOwn);
    }
}
