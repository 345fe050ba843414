package io.costq.bench.delivery;

import io.costq.bench.BenchSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.costq.core.DeliverySettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.redisson.api.RedissonClient;

/**
 * The channel part: {@code jobs} jobs of 1..5 ms on one delivery channel of the given width (and rate), across the
 * workers. The handler counts runs in flight; the maximum must never exceed the width. The achieved rate is the
 * number of runs over the span from the first start to the last start.
 */
final class ChannelRun {
    private static final String TYPE = "bench-channel-send";
    private static final String CHANNEL = "bench-sms";

    private final Options o;
    private final String label;
    private final int jobs;
    private final double rate;
    private final long[] startNs;
    private final long[] endNs;
    private final AtomicIntegerArray runs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger overWidth = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();

    ChannelRun(Options o, String label, int jobs, double rate) {
        this.o = o;
        this.label = label;
        this.jobs = jobs;
        this.rate = rate;
        startNs = new long[jobs];
        endNs = new long[jobs];
        runs = new AtomicIntegerArray(jobs);
    }

    Map<String, Object> run(RedissonClient redis) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobs);
        out.put("width", o.width());
        out.put("rate_per_s", rate);
        out.put("job_ms", "uniform 1..5");
        var channel = new DeliverySettings.Channel(CHANNEL, o.width(), rate);
        try (Nodes nodes = new Nodes(redis, "channel", o.maxTasks(), o.idleWaitMs(), new DeliverySettings(30_000, Map.of(CHANNEL, channel)));
             CostqClient api = new CostqClient(redis, nodes.settings, JobTypes.builtIns().register(new Handler()), Clock.SYSTEM)) {
            SplittableRandom r = new SplittableRandom(o.seed() + jobs);
            List<SubmitRequest> chunk = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                var payload = JsonNodeFactory.instance.objectNode().put("i", i).put("ms", r.nextInt(1, 6));
                chunk.add(SubmitRequest.of("acct" + i % 100, TYPE, payload).withDelivery(null, CHANNEL, null, null));
                if (chunk.size() == 1_000 || i == jobs - 1) {
                    api.submitAll(chunk);
                    chunk.clear();
                }
            }
            out.put("submit_s", BenchSupport.round((System.nanoTime() - t0) / 1e9, 2));
            DeliveryBench.log("channels (" + label + "): " + jobs + " jobs queued on a channel of width " + o.width()
                    + (rate > 0 ? " and " + rate + "/s" : "") + "; starting " + o.workers() + " workers");
            long startWall = System.nanoTime();
            nodes.start(o.workers(), o.maxTasks(), new Handler());
            int maxPermits = 0;
            boolean complete = false;
            long limitNs = Math.max(120_000L, jobs * 20L) * 1_000_000L;
            long nextLog = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() - startWall < limitNs) {
                maxPermits = Math.max(maxPermits, nodes.zcard(api.keys().channelInUse(CHANNEL)));
                if (done.get() >= jobs && nodes.idle() && nodes.zcard(api.keys().running()) == 0) {
                    complete = true;
                    break;
                }
                if (System.nanoTime() >= nextLog) {
                    DeliveryBench.log(String.format("channels (%s): %.0f s: done %d/%d, in flight %d, load %s", label,
                            (System.nanoTime() - startWall) / 1e9, done.get(), jobs, inFlight.get(), BenchSupport.loadAverage()));
                    nextLog += 5_000_000_000L;
                }
                Thread.sleep(20);
            }
            double wallS = (System.nanoTime() - startWall) / 1e9;
            out.put("complete", complete);
            out.put("run_s", BenchSupport.round(wallS, 2));
            analyse(out);
            out.put("max_permits_in_use_sampled", maxPermits);
            var view = api.channels().get(0);
            out.put("permits_in_use_at_end", view.inUse());
            out.put("parked_at_end", view.waiting());
        }
        return out;
    }

    private void analyse(Map<String, Object> out) {
        long[] starts = Arrays.copyOf(startNs, jobs);
        Arrays.sort(starts);
        int first = 0;
        while (first < jobs && starts[first] == 0) first++;
        int ran = jobs - first;
        double spanS = ran > 1 ? (starts[jobs - 1] - starts[first]) / 1e9 : Double.NaN;
        // the most starts in any 1 s window
        int best = 0;
        for (int lo = first, hi = first; hi < jobs; hi++) {
            while (starts[hi] - starts[lo] >= 1_000_000_000L) lo++;
            best = Math.max(best, hi - lo + 1);
        }
        long busyNs = 0;
        int reruns = 0;
        for (int i = 0; i < jobs; i++) {
            if (endNs[i] > 0) busyNs += endNs[i] - startNs[i];
            if (runs.get(i) > 1) reruns++;
        }
        double achieved = (ran - 1) / spanS;
        out.put("ran", ran);
        out.put("max_concurrency", maxInFlight.get());
        out.put("starts_over_width", overWidth.get());
        out.put("mean_concurrency", BenchSupport.round(busyNs / 1e9 / spanS, 2));
        out.put("achieved_per_s", Math.round(achieved));
        out.put("max_starts_in_1s", best);
        if (rate > 0) {
            out.put("achieved_vs_rate", BenchSupport.round(achieved / rate, 3));
            int burst = (int) Math.max(1, rate);
            // the bucket starts full (burst = max(1, rate) tokens): the second half of the run shows the steady rate
            long mid = starts[first] + (starts[jobs - 1] - starts[first]) / 2;
            int from = first;
            while (from < jobs && starts[from] < mid) from++;
            if (jobs - from > 1) {
                double steady = (jobs - from - 1) / ((starts[jobs - 1] - starts[from]) / 1e9);
                out.put("steady_per_s", Math.round(steady));
                out.put("steady_vs_rate", BenchSupport.round(steady / rate, 3));
            }
            // token-bucket envelope: by start k (0-based, sorted) at most burst + rate x elapsed starts may have happened
            double excess = 0;
            for (int k = first; k < jobs; k++) {
                double allowed = burst + rate * (starts[k] - starts[first]) / 1e9;
                excess = Math.max(excess, (k - first + 1) - allowed);
            }
            out.put("rate_envelope_max_excess", (long) Math.ceil(excess));
        }
        out.put("reruns", reruns);
    }

    /** 1..5 ms of "sending"; counts the runs in flight across all three workers (one JVM). */
    private final class Handler implements JobType {
        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            int i = ctx.payload().path("i").asInt();
            int now = inFlight.incrementAndGet();
            try {
                maxInFlight.accumulateAndGet(now, Math::max);
                if (now > o.width()) overWidth.incrementAndGet();
                boolean first = runs.incrementAndGet(i) == 1;
                if (first) startNs[i] = System.nanoTime();
                Thread.sleep(ctx.payload().path("ms").asLong());
                if (first) {
                    endNs[i] = System.nanoTime();
                    done.incrementAndGet();
                }
                return null;
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
