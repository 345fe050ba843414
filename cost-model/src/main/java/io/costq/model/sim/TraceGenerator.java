package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Draws a synthetic login trace after the BT case: Zipf-popular users, each with a bounded-Pareto mean cost
 * (1-15 s), lognormal per-run noise, Poisson arrivals at a target load or a load profile. {@code main} is
 * {@code ./costq trace} (see {@link Cli}).
 */
public final class TraceGenerator {
    private final TraceSpec spec;

    public TraceGenerator(TraceSpec spec) {
        this.spec = spec;
    }

    public List<TraceJob> generate() {
        RandomGenerator arrivals = RandomStreams.stream(spec.seed(), RandomStreams.Source.ARRIVALS);
        RandomGenerator choice = RandomStreams.stream(spec.seed(), RandomStreams.Source.USER_CHOICE);
        RandomGenerator means = RandomStreams.stream(spec.seed(), RandomStreams.Source.USER_MEANS);
        RandomGenerator noise = RandomStreams.stream(spec.seed(), RandomStreams.Source.NOISE);
        UserPopulation users = new UserPopulation(spec, means);
        double capacity = spec.nodes() * spec.cores() * spec.meanSpeed();
        double perLoad = capacity / (users.expectedCostMs() * (1 - spec.ioFrac())); // arrivals per ms at load 1
        double sigma = spec.noiseSigma();
        double mu = -sigma * sigma / 2; // lognormal with mean 1

        List<TraceJob> jobs = new ArrayList<>();
        LoadProfile profile = spec.profile();
        double t = 0;
        while (spec.jobs() <= 0 || jobs.size() < spec.jobs()) {
            double rate;
            double segmentEnd;
            if (profile == null) {
                rate = spec.load() * perLoad;
                segmentEnd = Double.POSITIVE_INFINITY;
            } else {
                if (t >= profile.totalMs()) break;
                int s = profile.segmentAt(t);
                rate = profile.segments().get(s).load() * perLoad;
                segmentEnd = profile.segmentEndMs(s);
            }
            double next = t - Math.log(1 - arrivals.nextDouble()) / rate;
            if (next >= segmentEnd) { // memoryless: restart the draw at the boundary with the next segment's rate
                t = segmentEnd;
                continue;
            }
            t = next;
            int user = users.pick(choice);
            double factor = sigma == 0 ? 1 : Math.exp(mu + sigma * gaussian(noise));
            long cost = Math.max(1, Math.round(users.meanMs(user) * factor));
            jobs.add(new TraceJob((long) Math.floor(t), user, cost));
        }
        return jobs;
    }

    /** Box-Muller on the noise stream only (one normal per call, the second discarded for simplicity). */
    private static double gaussian(RandomGenerator r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The expected cost of one job of this spec, ms (for the load arithmetic). */
    public double expectedCostMs() {
        return new UserPopulation(spec, RandomStreams.stream(spec.seed(), RandomStreams.Source.USER_MEANS)).expectedCostMs();
    }

    public static void main(String[] args) {
        System.exit(SimCli.run(new Cli(), args));
    }

    /** {@code ./costq trace}: the options of one trace. */
    @Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Draws a seeded BT-like login trace (CSV arrival_ms,user,cost_ms).")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "the CSV file to write")
        Path out;
        @Option(names = "--jobs", defaultValue = "0", description = "how many jobs (with --profile: at most; 0 = all)")
        long jobs;
        @Option(names = "--load", defaultValue = "0.9", description = "constant load without --profile (default ${DEFAULT-VALUE})")
        double load;
        @Option(names = "--profile", description = "load segments load:seconds,..., e.g. 0.6:3600,1.1:300,0.6:1800")
        String profile;
        @Option(names = "--io-frac", defaultValue = "0", description = "downstream share of each job: the load counts the CPU part only")
        double ioFrac;
        @Mixin
        FleetOptions fleet; // the load is relative to the fleet's mean speed
        @Option(names = "--users", defaultValue = "20000")
        int users;
        @Option(names = "--zipf-s", defaultValue = "1.0")
        double zipfS;
        @Option(names = "--sigma", defaultValue = "0.25", description = "per-run lognormal noise")
        double sigma;
        @Option(names = "--min-cost-ms", defaultValue = "1000", description = "users' mean costs from (default ${DEFAULT-VALUE})")
        double minCostMs;
        @Option(names = "--max-cost-ms", defaultValue = "15000", description = "users' mean costs up to (default ${DEFAULT-VALUE})")
        double maxCostMs;
        @Option(names = "--seed", defaultValue = "1")
        long seed;

        TraceSpec spec() {
            if (profile == null && jobs < 1) throw new IllegalArgumentException("give --jobs N or --profile");
            TraceSpec base = profile == null ? TraceSpec.defaults(jobs, load) : TraceSpec.ofProfile(LoadProfile.parse(profile)).withJobs(jobs);
            return base.withUsers(users, zipfS, sigma).withCosts(minCostMs, maxCostMs).withIoFrac(ioFrac)
                    .withCluster(fleet.nodes, fleet.cores, fleet.speeds()).withSeed(seed);
        }

        @Override
        public Integer call() {
            TraceSpec spec = spec();
            TraceGenerator generator = new TraceGenerator(spec);
            List<TraceJob> jobsDrawn = generator.generate();
            TraceIo.write(jobsDrawn, out);
            System.err.printf("wrote %d jobs over %.0f s to %s (expected cost %.0f ms; %s)%n", jobsDrawn.size(),
                    jobsDrawn.isEmpty() ? 0.0 : jobsDrawn.get(jobsDrawn.size() - 1).arrivalMs() / 1000.0, out,
                    generator.expectedCostMs(), spec.describe());
            return 0;
        }
    }
}
