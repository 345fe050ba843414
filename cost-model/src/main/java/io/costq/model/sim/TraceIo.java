package io.costq.model.sim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes traces as CSV with the header {@code arrival_ms,user,cost_ms}, sorted by arrival; a trace with
 * batch work has a fourth column, {@code lane} ({@code interactive} or {@code batch}).
 */
public final class TraceIo {
    public static final String HEADER = "arrival_ms,user,cost_ms";
    public static final String HEADER_WITH_LANES = HEADER + ",lane";

    private TraceIo() {}

    /** Writes users as {@code u<id>}; the lane column only when some job is batch work. */
    public static void write(List<TraceJob> jobs, Path file) {
        boolean lanes = jobs.stream().anyMatch(TraceJob::batch);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(lanes ? HEADER_WITH_LANES : HEADER);
            out.newLine();
            for (TraceJob j : jobs) {
                out.write(j.arrivalMs() + ",u" + j.user() + "," + j.costMs() + (lanes ? "," + j.lane().label() : ""));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a trace; user names are interned to ids in order of first appearance. Rows must be sorted by arrival. */
    public static List<TraceJob> read(Path file) {
        List<TraceJob> jobs = new ArrayList<>();
        Map<String, Integer> users = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            boolean lanes = header != null && header.trim().equals(HEADER_WITH_LANES);
            if (header == null || !(lanes || header.trim().equals(HEADER))) {
                throw new IllegalArgumentException(file + ": expected header " + HEADER + "[,lane], was " + header);
            }
            int fields = lanes ? 4 : 3;
            String line;
            int row = 1;
            long previous = 0;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != fields) throw new IllegalArgumentException(file + ":" + row + ": expected " + fields + " fields: " + line);
                long arrival = Long.parseLong(f[0].trim());
                if (arrival < previous) throw new IllegalArgumentException(file + ":" + row + ": arrivals must not decrease");
                previous = arrival;
                int user = users.computeIfAbsent(f[1].trim(), k -> users.size());
                Lane lane = lanes ? Lane.parse(f[3]) : Lane.INTERACTIVE;
                jobs.add(new TraceJob(arrival, user, Long.parseLong(f[2].trim()), lane));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs;
    }
}
