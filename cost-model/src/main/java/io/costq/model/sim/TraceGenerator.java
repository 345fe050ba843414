package io.costq.model.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws a synthetic login trace after the BT case: Zipf-popular users, each with a bounded-Pareto mean cost
 * (1-15 s), lognormal per-run noise, Poisson arrivals at a target load or a load profile.
 *
 * <pre>
 * TraceGenerator (--jobs N [--load 0.9] | --profile 0.6:3600,1.1:300,0.6:1800) [--nodes 5] [--cores 8]
 *                [--speeds 1,1,1,0.7,0.7] [--users 20000] [--seed S] --out FILE
 * </pre>
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
        double perLoad = capacity / users.expectedCostMs(); // arrivals per ms at load 1
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

    static TraceSpec parse(String[] args) {
        CliArgs a = CliArgs.parse(args, Set.of(),
                Set.of("jobs", "load", "profile", "nodes", "cores", "speeds", "users", "seed", "out", "zipf-s", "sigma"));
        int nodes = a.getInt("nodes", 5);
        TraceSpec d = TraceSpec.defaults(1, 0.9);
        return new TraceSpec(a.getInt("users", d.users()), a.getDouble("zipf-s", d.zipfS()), d.minCostMs(), d.maxCostMs(),
                d.alpha(), a.getDouble("sigma", d.noiseSigma()), a.getLong("jobs", 0), a.getDouble("load", d.load()),
                a.has("profile") ? LoadProfile.parse(a.get("profile", null)) : null, nodes, a.getInt("cores", 8),
                CliArgs.speeds(a.get("speeds", null), nodes), a.getLong("seed", 1));
    }

    public static void main(String[] args) {
        String out = null;
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--out")) out = args[i + 1];
        if (out == null) {
            System.err.println("usage: TraceGenerator (--jobs N [--load L] | --profile load:s,...) [--nodes 5] [--cores 8]"
                    + " [--speeds 1,1,1,0.7,0.7] [--users 20000] [--seed S] --out FILE");
            System.exit(2);
        }
        TraceSpec spec = parse(args);
        TraceGenerator generator = new TraceGenerator(spec);
        List<TraceJob> jobs = generator.generate();
        TraceIo.write(jobs, Path.of(out));
        System.err.printf("wrote %d jobs over %.0f s to %s (expected cost %.0f ms; %s)%n", jobs.size(),
                jobs.isEmpty() ? 0.0 : jobs.get(jobs.size() - 1).arrivalMs() / 1000.0, out, generator.expectedCostMs(),
                spec.describe());
    }
}
