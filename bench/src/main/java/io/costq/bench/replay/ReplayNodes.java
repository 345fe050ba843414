package io.costq.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobView;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.SimulatedCpuSampler;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.sim.TraceJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redisson.api.RedissonClient;

/** The replay's moving parts: its worker nodes (each on a {@link VirtualCpu}), the paced submitter, the collector. */
final class ReplayNodes {
    private ReplayNodes() {
    }

    /** Starts one worker engine per node, ids {@code idPrefix + i}, each running job type {@code work} on its virtual CPU. */
    static List<WorkerEngine> start(RedissonClient redis, CostqSettings settings, ReplayMain.Options o, String idPrefix) {
        List<WorkerEngine> engines = new ArrayList<>();
        for (int i = 0; i < o.nodes(); i++) {
            VirtualCpu cpu = new VirtualCpu(o.cores(), o.speeds()[i], o.thrash());
            var node = new WorkerSettings(idPrefix + i, o.maxTasks(), o.cores(), 200, 1_000, "", 1_000);
            var w = new WorkerEngine(redis, settings, node, JobTypes.builtIns().register(new Work(cpu, o.ioFrac())),
                    new SimulatedCpuSampler(cpu::cpuTasks, o.cores()), Clock.SYSTEM, claims(cpu));
            engines.add(w);
            w.start();
        }
        return engines;
    }

    static CostqClient client(RedissonClient redis, CostqSettings settings) {
        return new CostqClient(redis, settings, JobTypes.builtIns().register(new Work(null, 0)), Clock.SYSTEM);
    }

    /** What the submitter sent: job ids by trace line, when each was due (epoch ms), and when it began (nanoTime). */
    record Sent(String[] ids, long[] plannedMs, long t0Nanos) {
    }

    /** Submits each job at {@code arrival_ms / scale} from now, as user {@code u<user>} with {@code {"costMs": cost / scale}}. */
    static Sent submit(CostqClient client, List<TraceJob> trace, double scale) throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        int n = trace.size();
        String[] ids = new String[n];
        long[] plannedMs = new long[n];
        long t0Nanos = System.nanoTime();
        long t0Ms = System.currentTimeMillis();
        int i = 0;
        long nextLog = 0;
        while (i < n) {
            long dueNs = t0Nanos + Math.round(trace.get(i).arrivalMs() / scale * 1e6);
            long sleep = dueNs - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            long now = System.nanoTime();
            List<SubmitRequest> batch = new ArrayList<>();
            int first = i;
            while (i < n && t0Nanos + Math.round(trace.get(i).arrivalMs() / scale * 1e6) <= now) {
                TraceJob j = trace.get(i);
                ObjectNode payload = json.createObjectNode();
                payload.put("costMs", j.costMs() / scale);
                payload.put("traceCostMs", j.costMs());
                batch.add(SubmitRequest.of("u" + j.user(), "work", payload));
                plannedMs[i] = t0Ms + Math.round(j.arrivalMs() / scale);
                i++;
            }
            List<Submitted> done = batch.size() == 1 ? List.of(client.submit(batch.get(0))) : client.submitAll(batch);
            for (int k = 0; k < done.size(); k++) ids[first + k] = done.get(k).id();
            if (i >= nextLog) {
                ReplayMain.log(String.format(Locale.ROOT, "submitted %d/%d (%.0f s)", i, n, (System.nanoTime() - t0Nanos) / 1e9));
                nextLog += Math.max(1, n / 10);
            }
        }
        return new Sent(ids, plannedMs, t0Nanos);
    }

    /** Polls the job records until every job is terminal or {@code maxMs} passed; null where a job is not done. */
    static JobView[] collect(CostqClient client, String[] ids, long maxMs) throws InterruptedException {
        JobView[] views = new JobView[ids.length];
        int left = ids.length;
        long deadline = System.currentTimeMillis() + maxMs;
        while (left > 0 && System.currentTimeMillis() < deadline) {
            for (int k = 0; k < ids.length; k++) {
                if (views[k] != null) continue;
                JobView v = client.get(ids[k]).orElse(null);
                if (v != null && v.status().isTerminal() && v.finishedAt() != null) {
                    views[k] = v;
                    left--;
                }
            }
            if (left > 0) Thread.sleep(500);
        }
        return views;
    }

    /** Tells the node's virtual CPU of each claim, so its meter counts the task from its start (see VirtualCpu). */
    private static WorkerListener claims(VirtualCpu cpu) {
        return new WorkerListener() {
            @Override
            public void claimed(ClaimedJob job, long waitedMs) {
                cpu.claimed();
            }
        };
    }

    /** {@code {"costMs": c}} (replay ms): CPU (1−F)c/2 on the node's virtual CPU, F·c asleep, CPU (1−F)c/2. */
    static final class Work implements JobType {
        private final VirtualCpu cpu;
        private final double ioFrac;

        Work(VirtualCpu cpu, double ioFrac) {
            this.cpu = cpu;
            this.ioFrac = ioFrac;
        }

        @Override
        public String name() {
            return "work";
        }

        @Override
        public void validate(JsonNode payload) {
            JsonNode c = payload == null ? null : payload.get("costMs");
            if (c == null || !c.isNumber() || !(c.asDouble() >= 0) || c.asDouble() > 3_600_000) {
                throw new InvalidInputException("payload.costMs", "must be a number of ms in 0..3600000");
            }
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            double cost = ctx.payload().get("costMs").asDouble();
            double half = (1 - ioFrac) * cost / 2;
            cpu.start(half);
            double waitMs = ioFrac * cost;
            if (waitMs > 0) {
                long ns = Math.round(waitMs * 1e6);
                Thread.sleep(ns / 1_000_000, (int) (ns % 1_000_000));
            }
            cpu.run(half);
            return Map.of("costMs", cost);
        }
    }
}
