package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.testing.ExecutionRecorder;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * "Nothing lost, nothing run twice at once" while worker nodes keep dying: three in-JVM nodes with short leases
 * take paced submissions of short jobs while a random node {@link WorkerEngine#crash() crashes} about every second
 * and a fresh node replaces it. At the end every accepted job must have SUCCEEDED (lost = 0), exactly one run per
 * job must have completed it, and no two runs of one job may overlap in time (a crashed node's run ends when its
 * handler was interrupted, or at the crash if it never ended). Runs again after a crash (at-least-once) are counted,
 * not forbidden.
 *
 * <p>Small by default (under 30 s, part of every build); {@code -Dchaos.jobs=5000} scales it (submissions are paced
 * at {@code chaos.jobs / chaos.submitMs}), {@code -Dchaos.seed=N} replays one run. Alone:
 * {@code ./mvnw -B verify -pl costq-core -Dgroups=chaos}.
 */
@Tag("chaos")
class ChaosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 3;
    private static final int TASKS_PER_NODE = 4;
    private static final int BATCH = 10;

    private final RedissonClient redis = TestRedis.client();
    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private final List<WorkerEngine> live = new ArrayList<>();
    private final List<WorkerEngine> all = new ArrayList<>();
    private final Map<String, Long> crashedAtNs = new HashMap<>();
    private final AtomicInteger leasesLost = new AtomicInteger();
    private int nodesStarted;

    @AfterEach
    void stopWorkers() {
        all.forEach(WorkerEngine::crash);
    }

    @Test
    void crashingNodesLoseNoJobAndNeverRunOneJobTwiceAtOnce() throws Exception {
        int jobs = Integer.getInteger("chaos.jobs", 600);
        long submitOverMs = Long.getLong("chaos.submitMs", jobs * 10L);
        long crashEveryMs = Long.getLong("chaos.crashEveryMs", 1_000L);
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random durations = new Random(seed); // one stream per source of randomness: job sizes and crash choices
        Random crashes = new Random(seed + 1);
        System.out.printf("chaos: %d jobs over %d ms, %d nodes x %d tasks, a crash every ~%d ms, seed %d%n",
                jobs, submitOverMs, NODES, TASKS_PER_NODE, crashEveryMs, seed);

        CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(800, 200, 100))
                .withRetry(new CostqSettings.RetrySettings(10, 100));
        try (CostqClient client = new CostqClient(redis, settings, types(), Clock.SYSTEM)) {
            for (int i = 0; i < NODES; i++) startNode(settings);

            List<String> accepted = new ArrayList<>(jobs);
            long t0 = System.currentTimeMillis();
            long nextCrash = t0 + jitter(crashes, crashEveryMs);
            for (int sent = 0; sent < jobs; sent += BATCH) {
                long due = t0 + submitOverMs * sent / jobs;
                for (long now = System.currentTimeMillis(); ; now = System.currentTimeMillis()) {
                    if (now >= nextCrash) { // checked even when submitting runs behind its pace (a slow machine)
                        crashOneAndReplace(settings, crashes);
                        nextCrash = System.currentTimeMillis() + jitter(crashes, crashEveryMs);
                    } else if (now >= due) {
                        break;
                    } else {
                        Thread.sleep(Math.max(1, Math.min(due, nextCrash) - now));
                    }
                }
                List<SubmitRequest> batch = new ArrayList<>();
                for (int i = sent; i < Math.min(jobs, sent + BATCH); i++) {
                    // generous attempts: a job may be caught by several crashes; DEAD would count as lost here
                    batch.add(new SubmitRequest("u" + (i % 5), "recorded",
                            JSON.readTree("{\"ms\": " + (5 + durations.nextInt(46)) + "}"), null, 20, null, null));
                }
                for (Submitted s : client.submitAll(batch)) accepted.add(s.id());
            }
            Map<String, JobView> finals = awaitTerminal(client, accepted, 20_000);
            long tookMs = System.currentTimeMillis() - t0;

            Figures f = figures(accepted, finals);
            System.out.printf("chaos: %d ms; accepted %d, succeeded %d, lost %d (states %s); crashes %d; runs %d, "
                            + "duplicate runs %d, claims never run %d, overlapping runs of one job %d; "
                            + "jobs completed more than once %d; leases lost %d; most attempts of one job %d; "
                            + "outcomes recorded by the nodes %s%n",
                    tookMs, f.accepted, f.succeeded, f.lost, f.states, crashedAtNs.size(), f.runs, f.duplicates,
                    f.claimsNeverRun, f.overlaps, f.completedTwice, leasesLost.get(), f.maxAttempts, f.outcomes);
            f.overlapExamples.forEach(e -> System.out.println("chaos: overlap " + e));

            assertThat(f.lost).as("accepted jobs that did not succeed").isZero();
            assertThat(f.overlaps).as("overlapping runs of one job").isZero();
            assertThat(f.completedTwice).as("jobs whose completion was recorded more than once").isZero();
            assertThat(crashedAtNs).as("crashes").isNotEmpty();
        }
    }

    private JobTypes types() {
        return JobTypes.builtIns().register(recorder);
    }

    private void startNode(CostqSettings settings) {
        String id = "n" + (++nodesStarted);
        WorkerListener counting = new WorkerListener() {
            @Override
            public void leaseLost(String jobId) {
                leasesLost.incrementAndGet();
            }
        };
        var engine = new WorkerEngine(redis, settings, new WorkerSettings(id, TASKS_PER_NODE, 4, 200, 1_000, "", 2_000),
                types(), () -> 0.1, Clock.SYSTEM, WorkerListener.both(recorder.listenerFor(id), counting));
        live.add(engine);
        all.add(engine);
        engine.start();
    }

    private void crashOneAndReplace(CostqSettings settings, Random crashes) {
        WorkerEngine victim = live.remove(crashes.nextInt(live.size()));
        crashedAtNs.put(victim.nodeId(), System.nanoTime());
        victim.crash();
        startNode(settings);
    }

    private static long jitter(Random r, long meanMs) {
        return meanMs / 2 + (long) (r.nextDouble() * meanMs);
    }

    private Map<String, JobView> awaitTerminal(CostqClient client, List<String> ids, long timeoutMs) throws InterruptedException {
        Map<String, JobView> finals = new HashMap<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        Set<String> open = new HashSet<>(ids);
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            for (var it = open.iterator(); it.hasNext(); ) {
                String id = it.next();
                JobView v = client.get(id).orElse(null);
                if (v != null && v.status().isTerminal()) {
                    finals.put(id, v);
                    it.remove();
                }
            }
            if (!open.isEmpty()) Thread.sleep(100);
        }
        for (String id : open) client.get(id).ifPresent(v -> finals.put(id, v));
        return finals;
    }

    private record Figures(int accepted, long succeeded, long lost, Map<JobState, Integer> states, int runs,
                           int duplicates, int claimsNeverRun, int overlaps, List<String> overlapExamples,
                           long completedTwice, int maxAttempts, Map<String, Long> outcomes) {
    }

    private Figures figures(List<String> accepted, Map<String, JobView> finals) {
        Map<JobState, Integer> states = new EnumMap<>(JobState.class);
        for (String id : accepted) {
            JobView v = finals.get(id);
            if (v != null) states.merge(v.status(), 1, Integer::sum);
        }
        long succeeded = states.getOrDefault(JobState.SUCCEEDED, 0);
        Map<String, List<ExecutionRecorder.Run>> byJob = recorder.runs().stream()
                .collect(Collectors.groupingBy(r -> r.jobId));
        int runs = 0;
        int neverRun = 0;
        int overlaps = 0;
        List<String> examples = new ArrayList<>();
        long completedTwice = 0;
        for (List<ExecutionRecorder.Run> jobRuns : byJob.values()) {
            List<ExecutionRecorder.Run> ran = new ArrayList<>();
            for (ExecutionRecorder.Run r : jobRuns) {
                if (r.startNs < 0) neverRun++;
                else ran.add(r);
            }
            runs += ran.size();
            ran.sort(Comparator.comparingLong(r -> r.startNs));
            long latestEnd = Long.MIN_VALUE;
            ExecutionRecorder.Run latest = null;
            for (ExecutionRecorder.Run r : ran) {
                if (latest != null && r.startNs < latestEnd) {
                    overlaps++;
                    if (examples.size() < 5) {
                        examples.add(r.jobId + ": token " + latest.token + " on " + latest.node + " still running "
                                + (latestEnd - r.startNs) / 1_000_000 + " ms after token " + r.token + " started on " + r.node);
                    }
                }
                long end = endNs(r);
                if (end > latestEnd) {
                    latestEnd = end;
                    latest = r;
                }
            }
            if (jobRuns.stream().filter(r -> "succeeded".equals(r.outcome)).count() > 1) completedTwice++;
        }
        int maxAttempts = finals.values().stream().mapToInt(JobView::attempts).max().orElse(0);
        Map<String, Long> outcomes = recorder.runs().stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.outcome), TreeMap::new, Collectors.counting()));
        return new Figures(accepted.size(), succeeded, accepted.size() - succeeded, states, runs, runs - accepted.size(),
                neverRun, overlaps, examples, completedTwice, maxAttempts, outcomes);
    }

    /** When a run ended: its handler's end, else its node's crash, else it is still running. */
    private long endNs(ExecutionRecorder.Run r) {
        if (r.endNs >= 0) return r.endNs;
        Long crash = crashedAtNs.get(r.node);
        return crash != null ? crash : Long.MAX_VALUE;
    }
}
