package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceGeneratorTest {
    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
        TraceSpec spec = TraceSpec.defaults(2_000, 0.9);
        assertThat(new TraceGenerator(spec).generate()).isEqualTo(new TraceGenerator(spec).generate());
        TraceSpec other = spec.withSeed(2);
        assertThat(new TraceGenerator(other).generate()).isNotEqualTo(new TraceGenerator(spec).generate());
    }

    @Test
    void arrivalsCarryTheTargetLoad() {
        TraceSpec spec = TraceSpec.defaults(50_000, 0.9);
        List<TraceJob> jobs = new TraceGenerator(spec).generate();
        double work = jobs.stream().mapToLong(TraceJob::costMs).sum();
        double span = jobs.get(jobs.size() - 1).arrivalMs();
        double load = work / span / (spec.nodes() * spec.cores());
        assertThat(load).isCloseTo(0.9, within(0.05));
        assertThat(jobs).allSatisfy(j -> assertThat(j.costMs()).isBetween(300L, 60_000L));
    }

    @Test
    void aProfileChangesTheArrivalRateBySegment() {
        TraceSpec spec = TraceSpec.ofProfile(LoadProfile.parse("0.3:600,1.2:600")).withSeed(3);
        List<TraceJob> jobs = new TraceGenerator(spec).generate();
        long first = jobs.stream().filter(j -> j.arrivalMs() < 600_000).count();
        long second = jobs.size() - first;
        assertThat((double) second / first).isCloseTo(4.0, within(0.4));
        assertThat(jobs.get(jobs.size() - 1).arrivalMs()).isLessThan(1_200_000);
    }

    @Test
    void csvRoundTrip(@TempDir Path dir) {
        List<TraceJob> jobs = new TraceGenerator(TraceSpec.defaults(500, 0.5)).generate();
        Path file = dir.resolve("t.csv");
        TraceIo.write(jobs, file);
        List<TraceJob> read = TraceIo.read(file);
        assertThat(read).hasSameSizeAs(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            assertThat(read.get(i).arrivalMs()).isEqualTo(jobs.get(i).arrivalMs());
            assertThat(read.get(i).costMs()).isEqualTo(jobs.get(i).costMs());
        }
        // same users in the same places (ids are re-interned in order of appearance)
        for (int i = 0; i < jobs.size(); i++) {
            for (int k = i + 1; k < Math.min(jobs.size(), i + 20); k++) {
                assertThat(read.get(i).user() == read.get(k).user()).isEqualTo(jobs.get(i).user() == jobs.get(k).user());
            }
        }
    }
}
