package io.costq.api.workers;

import io.costq.core.InvalidInputException;
import io.costq.model.NodeSnapshot;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON body of {@code POST /v1/workers/{node}/claim}: what the worker runs and its own state, the snapshot the
 * server's pick policy decides on (the same policy a Java node runs on its own snapshot).
 */
@Schema(name = "ClaimRequest", description = "A worker asks for jobs: the types it runs, how many it would take now, "
        + "and its state (CPU, running tasks), from which the server's pick policy decides whether it takes any.")
public record ClaimBody(
        @Schema(required = true, minItems = 1, maxItems = 100, description = "The job types this worker runs (1..200 "
                + "characters each); only jobs of these types are for it", examples = "[\"thumbnail\"]")
        List<String> types,
        @Schema(required = true, minimum = "0", maximum = "100", description = "At most this many jobs now (the worker's "
                + "free slots); 0 claims nothing and only refreshes the node's entry in /v1/nodes", examples = "4")
        Integer max,
        @Schema(required = true, minimum = "0", maximum = "1", description = "The node's CPU load in [0, 1] (all its "
                + "cores, as its meter shows it)", examples = "0.4")
        Double cpu,
        @Schema(nullable = true, minimum = "1", maximum = "4096", description = "The node's processors; 1 when absent")
        Integer cores,
        @Schema(nullable = true, maxItems = 10000, description = "The worker's running jobs: what the policy counts as "
                + "its remaining time and task count; none when absent")
        List<Running> running) {

    static final int MAX_TYPES = 100;
    static final int MAX_JOBS = 100;
    static final int MAX_RUNNING = 10_000;

    /** One running job of the worker, as it reports it. */
    @Schema(name = "ClaimRunningJob", description = "A job the worker is running")
    public record Running(
            @Schema(nullable = true, description = "The job's id (informational)") String id,
            @Schema(required = true, minimum = "0", description = "Its estimate, ms (estimateMs of the claim)") Long estimateMs,
            @Schema(required = true, minimum = "0", description = "How long it has run so far, ms") Long elapsedMs) {
    }

    /** The validated claim: the types, how many at most, and the node's snapshot as the pick policy reads it. */
    record Valid(Set<String> types, int max, NodeSnapshot node) {
    }

    /** Checks every field, naming the first one at fault ({@link InvalidInputException} is a 400). */
    Valid validate() {
        if (types == null || types.isEmpty()) throw new InvalidInputException("types", "types must list the job types this worker runs");
        if (types.size() > MAX_TYPES) throw new InvalidInputException("types", "at most " + MAX_TYPES + " types");
        Set<String> typeSet = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (t == null || t.isBlank() || t.length() > 200) {
                throw new InvalidInputException("types[" + i + "]", "a type is 1..200 characters, not blank");
            }
            typeSet.add(t);
        }
        if (max == null || max < 0 || max > MAX_JOBS) throw new InvalidInputException("max", "max must be in 0.." + MAX_JOBS);
        if (cpu == null || !(cpu >= 0 && cpu <= 1)) throw new InvalidInputException("cpu", "cpu must be in [0, 1]");
        int c = cores == null ? 1 : cores;
        if (c < 1 || c > 4096) throw new InvalidInputException("cores", "cores must be in 1..4096");
        List<Running> runs = running == null ? List.of() : running;
        if (runs.size() > MAX_RUNNING) throw new InvalidInputException("running", "at most " + MAX_RUNNING + " running jobs");
        List<RunningTask> tasks = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            Running r = runs.get(i);
            if (r == null) throw new InvalidInputException("running[" + i + "]", "a running job is an object");
            if (r.estimateMs() == null || r.estimateMs() < 0) {
                throw new InvalidInputException("running[" + i + "].estimateMs", "estimateMs must be >= 0");
            }
            if (r.elapsedMs() == null || r.elapsedMs() < 0) {
                throw new InvalidInputException("running[" + i + "].elapsedMs", "elapsedMs must be >= 0");
            }
            tasks.add(new RunningTask(r.estimateMs(), r.elapsedMs()));
        }
        // the worker's cap is what it runs plus what it would take now; its meter is taken as instantaneous
        return new Valid(typeSet, max, new NodeSnapshot(cpu, c, tasks.size() + max, tasks));
    }
}
