package io.costq.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the execution logs of every worker process ({@code *.jsonl}, one file per process) into runs. A run whose
 * process was killed before it logged the end ends at the kill time chaos.sh recorded for that file (taken after
 * the process was reaped, so no later than its real end); a run with no end in a process that was not killed is
 * treated as still running.
 */
final class ExecutionLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Execution> runs = new ArrayList<>();
    int files;
    int malformedLines;
    int openWithoutKill;

    static ExecutionLogs read(Path dir, Map<String, Long> killedAtMs) throws IOException {
        ExecutionLogs logs = new ExecutionLogs();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) logs.readFile(f, killedAtMs.get(f.getFileName().toString()));
        logs.files = files.size();
        return logs;
    }

    /** chaos.sh's kill record: one {@code <log file name> <epoch ms>} line per kill. */
    static Map<String, Long> kills(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        if (file == null || !Files.exists(file)) return out;
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) out.put(parts[0], Long.parseLong(parts[1]));
        }
        return out;
    }

    private void readFile(Path file, Long killedAtMs) throws IOException {
        Map<Long, JsonNode> starts = new LinkedHashMap<>();
        Map<Long, JsonNode> ends = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                malformedLines++; // a line cut by kill -9
                continue;
            }
            long token = n.path("token").asLong();
            if ("start".equals(n.path("e").asText())) starts.put(token, n);
            else ends.put(token, n);
        }
        for (var e : starts.entrySet()) {
            JsonNode s = e.getValue();
            JsonNode end = ends.get(e.getKey());
            long endMs;
            String outcome;
            if (end != null) {
                endMs = end.path("t").asLong();
                outcome = end.path("outcome").asText();
            } else if (killedAtMs != null) {
                endMs = killedAtMs;
                outcome = "killed";
            } else {
                endMs = Long.MAX_VALUE;
                outcome = "open";
                openWithoutKill++;
            }
            runs.add(new Execution(s.path("job").asText(), e.getKey(), s.path("node").asText(), s.path("t").asLong(),
                    endMs, end != null, outcome));
        }
    }
}
