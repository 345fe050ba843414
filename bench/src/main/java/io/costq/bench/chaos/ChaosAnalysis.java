package io.costq.bench.chaos;

import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.job.JobState;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The verdict of a chaos run: every accepted job must have SUCCEEDED (lost = 0) and no two runs of one job may
 * overlap; runs again after a kill (at-least-once) are counted. Exit code 1 when either rule is broken.
 */
final class ChaosAnalysis {
    private ChaosAnalysis() {
    }

    static int run(Args a) throws Exception {
        List<String> ids = Files.readAllLines(Path.of(a.text("ids"))).stream().filter(s -> !s.isBlank()).toList();
        Map<String, Long> kills = ExecutionLogs.kills(a.values().containsKey("kills") ? Path.of(a.text("kills")) : null);
        ExecutionLogs logs = ExecutionLogs.read(Path.of(a.text("logs")), kills);
        RedissonClient redis = RedisConnector.connect(a.text("redis"), null, 8);
        Map<String, JobView> finals;
        Map<String, String> stats;
        try (CostqClient client = new CostqClient(redis, CostqSettings.defaults(a.text("prefix")), JobTypes.builtIns(), Clock.SYSTEM)) {
            finals = Terminal.read(client, ids);
            stats = redis.<String, String>getMap(client.keys().stats(), StringCodec.INSTANCE).readAllMap();
        } finally {
            redis.shutdown();
        }

        Map<JobState, Integer> states = new EnumMap<>(JobState.class);
        finals.values().forEach(v -> states.merge(v.status(), 1, Integer::sum));
        int succeeded = states.getOrDefault(JobState.SUCCEEDED, 0);
        int lost = ids.size() - succeeded;
        int runs = logs.runs.size();
        long killedRuns = logs.runs.stream().filter(r -> !r.endLogged()).count();
        Map<String, Long> outcomes = logs.runs.stream().collect(Collectors.groupingBy(Execution::outcome, Collectors.counting()));
        long completedTwice = logs.runs.stream().filter(r -> r.outcome().equals("succeeded"))
                .collect(Collectors.groupingBy(Execution::job, Collectors.counting())).values().stream().filter(n -> n > 1).count();
        long jobsRunTwice = logs.runs.stream().collect(Collectors.groupingBy(Execution::job, Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
        int maxAttempts = finals.values().stream().mapToInt(JobView::attempts).max().orElse(0);
        // a node logs "start" before it hands the job to a handler thread, so a claim missing from the logs is one
        // whose process died between the claim in Redis and that line: its handler never ran
        long unloggedClaims = finals.values().stream().mapToLong(JobView::attempts).sum() - runs;
        Overlaps overlaps = Overlaps.of(logs.runs);
        LeaseLostWarnings warnings = LeaseLostWarnings.read(
                a.values().containsKey("outs") ? Path.of(a.text("outs")) : null, logs.runs);

        System.out.printf("""
                accepted                         %d
                succeeded                        %d
                lost                             %d   (final states %s)
                worker processes (logs)          %d, killed with -9: %d
                executions                       %d   (outcomes %s)
                duplicate executions             %d   (jobs run more than once: %d; most attempts of one job: %d)
                executions cut by kill -9        %d
                claims never started             %d   (process killed between the claim and its first log line)
                overlapping executions of a job  %d
                jobs completed more than once    %d
                lease expiries (reaper)          %s
                stale completions rejected       %s
                lease-lost warnings (workers)    %d   (of which after the node's own completion: %d)
                malformed log lines              %d, runs open in a live process: %d
                """, ids.size(), succeeded, lost, states, logs.files, kills.size(), runs, outcomes, runs - ids.size(),
                jobsRunTwice, maxAttempts, killedRuns, unloggedClaims, overlaps.count, completedTwice,
                stats.getOrDefault("leaseExpiries", "0"), stats.getOrDefault("staleCompletions", "0"),
                warnings.total(), warnings.afterOwnCompletion(), logs.malformedLines, logs.openWithoutKill);
        overlaps.examples.forEach(e -> System.out.println("overlap: " + e));
        boolean ok = lost == 0 && overlaps.count == 0 && completedTwice == 0;
        System.out.println(ok ? "PASS: nothing lost, nothing run twice at once" : "FAIL");
        return ok ? 0 : 1;
    }
}
