package io.costq.core.worker;

import io.costq.core.job.ClaimedJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only record of every run on this node, one JSON line per start and per end, flushed per line:
 * {@code {"e":"start","job":..,"token":..,"node":..,"attempt":..,"t":epochMs}} and
 * {@code {"e":"end",...,"outcome":..}}. Off unless {@code costq.worker.execution-log} names a file. The chaos
 * check reads it to count duplicate and overlapping executions; operators may use it as an audit trail.
 */
public final class ExecutionLog implements WorkerListener, AutoCloseable {
    private final String node;
    private final BufferedWriter out;

    public ExecutionLog(Path file, String node) {
        this.node = node;
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open execution log " + file, e);
        }
    }

    @Override
    public void claimed(ClaimedJob job, long waitedMs) {
        write("start", job, null);
    }

    @Override
    public void finished(ClaimedJob job, String outcome, long runMs) {
        write("end", job, outcome);
    }

    private synchronized void write(String event, ClaimedJob job, String outcome) {
        try {
            out.write("{\"e\":\"" + event + "\",\"job\":\"" + job.id() + "\",\"token\":" + job.token() + ",\"node\":\""
                    + node.replace("\"", "'") + "\",\"attempt\":" + job.attempt() + ",\"t\":" + System.currentTimeMillis()
                    + (outcome == null ? "" : ",\"outcome\":\"" + outcome + "\"") + "}\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // closing at shutdown: nothing left to do
        }
    }
}
