package io.costq.core.testing;

import io.costq.core.job.ClaimedJob;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.worker.WorkerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A job type {@code "recorded"} ({@code {"ms": N}} sleeps N ms, interruptibly) that records every run: which node
 * claimed it under which fencing token, and when its handler started and ended ({@link System#nanoTime()}, so all
 * nodes of one JVM share one clock). Each node's engine gets its own {@link #listenerFor(String)}, which learns
 * the token at claim time and the outcome the node recorded.
 */
public final class ExecutionRecorder implements JobType {
    /** One claim of a job. {@code startNs}/{@code endNs} are -1 while the handler has not started/ended. */
    public static final class Run {
        public final String jobId;
        public final int attempt;
        public final String node;
        public final long token;
        public volatile long startNs = -1;
        public volatile long endNs = -1;
        public volatile String outcome;

        Run(String jobId, int attempt, String node, long token) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.node = node;
            this.token = token;
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "recorded";
    }

    @Override
    public Object run(JobContext ctx) throws InterruptedException {
        Run run = runs.get(key(ctx.jobId(), ctx.attempt()));
        if (run == null) throw new IllegalStateException("run of " + ctx.jobId() + " #" + ctx.attempt() + " was never claimed");
        run.startNs = System.nanoTime();
        try {
            Thread.sleep(ctx.payload().path("ms").asLong(0));
        } finally {
            run.endNs = System.nanoTime();
        }
        return Map.of("token", run.token);
    }

    /** The listener to give the engine of {@code node}. */
    public WorkerListener listenerFor(String node) {
        return new WorkerListener() {
            @Override
            public void claimed(ClaimedJob job, long waitedMs) {
                // the attempt number is incremented per claim, so (id, attempt) names one claim, like its token
                runs.put(key(job.id(), job.attempt()), new Run(job.id(), job.attempt(), node, job.token()));
            }

            @Override
            public void finished(ClaimedJob job, String outcome, long runMs) {
                Run run = runs.get(key(job.id(), job.attempt()));
                if (run != null) run.outcome = outcome;
            }
        };
    }

    public List<Run> runs() {
        return new ArrayList<>(runs.values());
    }

    private static String key(String id, int attempt) {
        return id + "#" + attempt;
    }
}
