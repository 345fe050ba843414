package io.costq.bench.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pairs of runs of one job that were going at the same time: a run that starts before an earlier-started run of
 * the same job has ended. Timestamps are whole milliseconds, so a start in the very millisecond of the previous
 * end does not count.
 */
final class Overlaps {
    final int count;
    final List<String> examples;

    private Overlaps(int count, List<String> examples) {
        this.count = count;
        this.examples = examples;
    }

    static Overlaps of(Collection<Execution> runs) {
        Map<String, List<Execution>> byJob = runs.stream().collect(Collectors.groupingBy(Execution::job));
        int count = 0;
        List<String> examples = new ArrayList<>();
        for (List<Execution> jobRuns : byJob.values()) {
            jobRuns.sort(Comparator.comparingLong(Execution::startMs));
            Execution latest = null;
            for (Execution r : jobRuns) {
                if (latest != null && r.startMs() < latest.endMs()) {
                    count++;
                    if (examples.size() < 10) {
                        examples.add(r.job() + ": token " + latest.token() + " on " + latest.node() + " (" + latest.outcome()
                                + ") ran until " + latest.endMs() + ", token " + r.token() + " started on " + r.node()
                                + " at " + r.startMs());
                    }
                }
                if (latest == null || r.endMs() > latest.endMs()) latest = r;
            }
        }
        return new Overlaps(count, examples);
    }
}
