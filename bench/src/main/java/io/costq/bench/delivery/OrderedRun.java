package io.costq.bench.delivery;

import io.costq.bench.BenchSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.DeliverySettings;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.store.AckJob;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The ordered part: {@code keys} ordering keys x {@code perKey} messages, submitted in bulk with the keys interleaved,
 * each awaiting an ack. A job type "sends" (returns at once or after ~1 ms); a simulated platform acks each sent
 * message through a second {@link CostqClient} (its own Redis connection: the "webhook server") after a uniform
 * 0..maxAckDelay ms, except for {@code noAckPercent} % of the messages, which are never acked and proceed after the
 * ack timeout.
 *
 * <p>Message {@code i = key * perKey + seq}. For every message with a predecessor (seq >= 1) it measures the added
 * delay: the job's {@code startedAt} minus the predecessor's release, which is the time the webhook called ack when
 * the predecessor ended {@code acked}, or its ack deadline ({@code ranUntil + ack timeout}, ranUntil being the
 * moment costq recorded the end of its run) when it ended {@code timeout}. An order violation is a handler that
 * started before its predecessor's handler ended, before its predecessor's ack call (acked), or before its
 * predecessor's ack deadline (timeout), all from timestamps taken in this JVM.
 */
final class OrderedRun {
    private static final String TYPE = "bench-send";
    private static final int SUBMIT_CHUNK = 1_000;
    private static final int READ_CHUNK = 2_000;

    private final Options o;
    private final int n;
    private final boolean[] noAck;
    private final int[] ackDelayMs;
    private final int[] sendMs;
    private final String[] ids;

    // written by handler / webhook threads; published through the counters below
    private final long[] runStartNs;
    private final long[] runStartMs;
    private final long[] runEndNs;
    private final long[] ackCallNs;
    private final long[] ackCallMs;
    private final AtomicIntegerArray runs;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acksScheduled = new AtomicInteger();
    private final AtomicInteger acksDone = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong ackErrors = new AtomicLong();
    private final Map<AckJob.Outcome, AtomicInteger> ackOutcomes = new EnumMap<>(AckJob.Outcome.class);

    OrderedRun(Options o) {
        this.o = o;
        this.n = o.keys() * o.perKey();
        noAck = new boolean[n];
        ackDelayMs = new int[n];
        sendMs = new int[n];
        ids = new String[n];
        runStartNs = new long[n];
        runStartMs = new long[n];
        runEndNs = new long[n];
        ackCallNs = new long[n];
        ackCallMs = new long[n];
        runs = new AtomicIntegerArray(n);
        for (AckJob.Outcome x : AckJob.Outcome.values()) ackOutcomes.put(x, new AtomicInteger());
        SplittableRandom r = new SplittableRandom(o.seed());
        for (int i = 0; i < n; i++) {
            noAck[i] = r.nextInt(100) < o.noAckPercent();
            ackDelayMs[i] = r.nextInt(o.maxAckDelayMs() + 1);
            sendMs[i] = r.nextInt(o.sendMaxMs() + 1);
        }
    }

    Map<String, Object> run(RedissonClient redis, RedissonClient webhookRedis) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keys", o.keys());
        out.put("messages_per_key", o.perKey());
        out.put("messages", n);
        if (o.control()) out.put("control", "no ordering keys: violations expected");
        out.put("ack_timeout_ms", o.ackTimeoutMs());
        out.put("never_acked_pct", o.noAckPercent());
        out.put("ack_delay_ms", "uniform 0.." + o.maxAckDelayMs());
        out.put("send_ms", "uniform 0.." + o.sendMaxMs());
        int neverAcked = 0;
        for (boolean b : noAck) if (b) neverAcked++;
        out.put("never_acked", neverAcked);

        ScheduledThreadPoolExecutor webhookTimers = new ScheduledThreadPoolExecutor(32, r -> {
            Thread t = new Thread(r, "webhook");
            t.setDaemon(true);
            return t;
        });
        try (Nodes nodes = new Nodes(redis, "ordered", o.maxTasks(), o.idleWaitMs(), new DeliverySettings(o.ackTimeoutMs(), Map.of()));
             CostqClient api = new CostqClient(redis, nodes.settings, JobTypes.builtIns().register(new Send(null)), Clock.SYSTEM);
             CostqClient webhook = new CostqClient(webhookRedis, nodes.settings, JobTypes.builtIns(), Clock.SYSTEM)) {
            // 1. submit everything, per key in order, keys interleaved at random (A0 B0 A1 C0 B1 ...)
            long t0 = System.nanoTime();
            submit(api);
            double submitS = (System.nanoTime() - t0) / 1e9;
            out.put("submit_s", BenchSupport.round(submitS, 2));
            out.put("submit_per_s", Math.round(n / submitS));

            // 2. run: three workers, the webhook acks after its delay
            DeliveryBench.log("ordered: " + n + " messages queued; starting " + o.workers() + " workers");
            long startMs = System.currentTimeMillis();
            nodes.start(o.workers(), o.maxTasks(), new Send((i, id) -> {
                if (noAck[i]) return;
                acksScheduled.incrementAndGet();
                webhookTimers.schedule(() -> ack(webhook, i, id), ackDelayMs[i], TimeUnit.MILLISECONDS);
            }));
            boolean complete = awaitDone(nodes, api, startMs);
            long wallEnd = System.currentTimeMillis();
            out.put("complete", complete);

            // 3. read every job's stamps and analyse
            Map<String, JobView> jobs = readAll(api);
            analyse(jobs, startMs, wallEnd, out);
            nodes.close();
        } finally {
            webhookTimers.shutdownNow();
        }
        return out;
    }

    private void submit(CostqClient api) {
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) slots[i] = i / o.perKey();
        SplittableRandom r = new SplittableRandom(o.seed() ^ 0x5eedL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = slots[i];
            slots[i] = slots[j];
            slots[j] = t;
        }
        int[] nextSeq = new int[o.keys()];
        List<SubmitRequest> chunk = new ArrayList<>(SUBMIT_CHUNK);
        List<Integer> chunkIdx = new ArrayList<>(SUBMIT_CHUNK);
        for (int s = 0; s < n; s++) {
            int key = slots[s];
            int i = key * o.perKey() + nextSeq[key]++;
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("i", i).put("ms", sendMs[i]);
            chunk.add(SubmitRequest.of("acct" + key % 1_000, TYPE, payload).withDelivery(o.control() ? null : "conv-" + key, null, true, null));
            chunkIdx.add(i);
            if (chunk.size() == SUBMIT_CHUNK || s == n - 1) {
                List<Submitted> done = api.submitAll(chunk);
                for (int k = 0; k < done.size(); k++) ids[chunkIdx.get(k)] = done.get(k).id();
                chunk.clear();
                chunkIdx.clear();
            }
        }
    }

    private void ack(CostqClient webhook, int i, String id) {
        try {
            ackCallNs[i] = System.nanoTime();
            ackCallMs[i] = System.currentTimeMillis();
            ackOutcomes.get(webhook.ack(id)).incrementAndGet();
        } catch (RuntimeException e) {
            ackErrors.incrementAndGet();
        } finally {
            acksDone.incrementAndGet();
        }
    }

    /** Until every message was sent, every scheduled ack made, no run is unrecorded and no job awaits an ack. */
    private boolean awaitDone(Nodes nodes, CostqClient api, long startMs) throws InterruptedException {
        long limitMs = Math.max(120_000, n * 20L); // generous: 100,000 messages may take up to ~33 min before we give up
        long nextLog = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() - startMs < limitMs) {
            if (sent.get() >= n && acksDone.get() == acksScheduled.get() && nodes.idle()
                    && nodes.zcard(api.keys().running()) == 0 && nodes.zcard(api.keys().acks()) == 0) {
                return true;
            }
            if (System.currentTimeMillis() >= nextLog) {
                DeliveryBench.log(String.format("ordered: %.0f s: sent %d/%d, acks %d, awaiting ack %d, load %s",
                        (System.currentTimeMillis() - startMs) / 1e3, sent.get(), n, acksDone.get(),
                        nodes.zcard(api.keys().acks()), BenchSupport.loadAverage()));
                nextLog += 5_000;
            }
            Thread.sleep(100);
        }
        DeliveryBench.log("ordered: gave up waiting after " + limitMs + " ms");
        return false;
    }

    private Map<String, JobView> readAll(CostqClient api) {
        Map<String, JobView> all = new java.util.HashMap<>(n * 2);
        for (int from = 0; from < n; from += READ_CHUNK) {
            all.putAll(api.store().jobs(java.util.Arrays.asList(ids).subList(from, Math.min(n, from + READ_CHUNK))));
        }
        return all;
    }

    private void analyse(Map<String, JobView> jobs, long startMs, long wallEndMs, Map<String, Object> out) {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> acks = new TreeMap<>();
        long lastFinished = 0;
        long[] startedAt = new long[n];
        long[] finishedAt = new long[n];
        long[] deadline = new long[n];
        boolean[] timedOut = new boolean[n];
        int missingStamps = 0;
        int reruns = 0;
        int ackedButNotByUs = 0;
        int earlyAcks = 0;
        Stats reaperLag = new Stats();
        Stats webhookLag = new Stats(); // how late the simulated platform made its ack call, vs its plan
        int acksAfterDeadline = 0;
        for (int i = 0; i < n; i++) {
            JobView h = jobs.get(ids[i]);
            String status = h == null ? "(gone)" : h.status().name();
            String ack = h == null || h.ack() == null ? "(none)" : h.ack();
            statuses.merge(status, 1, Integer::sum);
            acks.merge(ack, 1, Integer::sum);
            startedAt[i] = h == null ? 0 : num(h.startedAt());
            finishedAt[i] = h == null ? 0 : num(h.finishedAt());
            long ranUntil = h == null ? 0 : num(h.ranUntil());
            deadline[i] = ranUntil > 0 ? ranUntil + o.ackTimeoutMs() : -1;
            timedOut[i] = "timeout".equals(ack);
            if (h != null && h.ackedEarly() != null) earlyAcks++;
            if (startedAt[i] <= 0 || finishedAt[i] <= 0) missingStamps++;
            lastFinished = Math.max(lastFinished, finishedAt[i]);
            if (runs.get(i) > 1 || h != null && h.attempts() > 1) reruns++;
            if ("acked".equals(ack) && noAck[i]) ackedButNotByUs++;
            if (timedOut[i] && deadline[i] > 0) reaperLag.add(finishedAt[i] - deadline[i]);
            if (ackCallNs[i] != 0) {
                webhookLag.add((ackCallNs[i] - runEndNs[i]) / 1_000_000 - ackDelayMs[i]);
                if (timedOut[i]) acksAfterDeadline++;
            }
        }

        Stats delay = new Stats();
        Stats afterAck = new Stats();
        Stats afterTimeout = new Stats();
        Stats reaction = new Stats(); // startedAt - predecessor's finishedAt (the release as Redis recorded it)
        int violations = 0;
        int stampInversions = 0;
        long maxInversion = 0;
        int releasedByTimeout = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % o.perKey() == 0) continue;
            int p = i - 1;
            if (startedAt[i] <= 0 || finishedAt[p] <= 0) continue;
            long release;
            String why = null;
            if (timedOut[p]) {
                releasedByTimeout++;
                release = deadline[p];
                if (runStartMs[i] < deadline[p]) why = "started " + (deadline[p] - runStartMs[i]) + " ms before the predecessor's ack deadline";
                afterTimeout.add(startedAt[i] - release);
            } else {
                release = ackCallMs[p];
                if (ackCallNs[p] == 0) why = "predecessor ended '" + (jobs.get(ids[p]) == null ? null : jobs.get(ids[p]).ack()) + "' without an ack call";
                else if (runStartNs[i] < ackCallNs[p]) why = "started " + (ackCallNs[p] - runStartNs[i]) / 1_000 + " us before the predecessor's ack call";
                if (ackCallNs[p] != 0) afterAck.add(startedAt[i] - release);
            }
            if (why == null && runStartNs[i] < runEndNs[p]) why = "started before the predecessor's send ended";
            if (why != null) {
                violations++;
                if (examples.size() < 5) examples.add("key " + i / o.perKey() + " seq " + i % o.perKey() + " (" + ids[i] + "): " + why);
            }
            if (startedAt[i] < finishedAt[p]) {
                stampInversions++;
                maxInversion = Math.max(maxInversion, finishedAt[p] - startedAt[i]);
            }
            if (release > 0) delay.add(startedAt[i] - release);
            reaction.add(startedAt[i] - finishedAt[p]);
        }

        long[] starts = java.util.Arrays.copyOf(runStartMs, n);
        java.util.Arrays.sort(starts);
        double sent90S = (starts[(int) Math.ceil(0.9 * n) - 1] - startMs) / 1e3;
        double runS = (lastFinished - startMs) / 1e3;
        out.put("run_s", BenchSupport.round(runS, 2));
        out.put("messages_per_s", Math.round(n / runS));
        out.put("first_90pct_sent_s", BenchSupport.round(sent90S, 2));
        out.put("first_90pct_per_s", Math.round(0.9 * n / sent90S));
        out.put("added_delay_p50_ms", delay.percentile(50));
        out.put("added_delay_p99_ms", delay.percentile(99));
        out.put("added_delay_max_ms", delay.max());
        out.put("added_delay_samples", delay.size());
        out.put("after_ack_p50_ms", afterAck.percentile(50));
        out.put("after_ack_p99_ms", afterAck.percentile(99));
        out.put("after_timeout_p50_ms", afterTimeout.percentile(50));
        out.put("after_timeout_p99_ms", afterTimeout.percentile(99));
        out.put("after_timeout_max_ms", afterTimeout.max());
        out.put("release_to_start_p50_ms", reaction.percentile(50));
        out.put("release_to_start_p99_ms", reaction.percentile(99));
        out.put("timeout_reaper_lag_p50_ms", reaperLag.percentile(50));
        out.put("timeout_reaper_lag_p99_ms", reaperLag.percentile(99));
        out.put("timeout_reaper_lag_max_ms", reaperLag.max());
        out.put("order_violations", violations);
        out.put("order_violation_examples", examples);
        out.put("released_by_timeout", releasedByTimeout);
        out.put("startedAt_before_predecessor_finishedAt", stampInversions);
        out.put("startedAt_before_predecessor_finishedAt_max_ms", maxInversion);
        out.put("ended_acked", acks.getOrDefault("acked", 0));
        out.put("ended_timeout", acks.getOrDefault("timeout", 0));
        out.put("statuses", statuses);
        out.put("ack_field", acks);
        out.put("acked_though_never_acked", ackedButNotByUs);
        Map<String, Integer> outcomes = new TreeMap<>();
        ackOutcomes.forEach((k, v) -> outcomes.put(k.name(), v.get()));
        out.put("ack_call_outcomes", outcomes);
        out.put("ack_call_errors", ackErrors.get());
        out.put("early_acks", earlyAcks);
        out.put("acks_after_timeout", acksAfterDeadline);
        out.put("webhook_lag_p99_ms", webhookLag.percentile(99));
        out.put("webhook_lag_max_ms", webhookLag.max());
        out.put("reruns", reruns);
        out.put("missing_stamps", missingStamps);
        out.put("max_sends_in_flight", maxInFlight.get());
    }

    private static long num(Long v) {
        return v == null ? 0 : v;
    }

    interface AfterSend {
        void sent(int index, String jobId);
    }

    /** The "send": returns at once or after the payload's ms; records its start and end, then hands over to the platform. */
    private final class Send implements JobType {
        private final AfterSend after;

        Send(AfterSend after) {
            this.after = after;
        }

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public Object run(JobContext ctx) throws Exception {
            int i = ctx.payload().path("i").asInt();
            long startNs = System.nanoTime();
            long startMs = System.currentTimeMillis();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            boolean first = runs.incrementAndGet(i) == 1;
            try {
                if (first) {
                    runStartNs[i] = startNs;
                    runStartMs[i] = startMs;
                }
                long ms = ctx.payload().path("ms").asLong();
                if (ms > 0) Thread.sleep(ms);
                if (first) {
                    runEndNs[i] = System.nanoTime();
                    after.sent(i, ctx.jobId());
                }
                return null;
            } finally {
                inFlight.decrementAndGet();
                if (first) sent.incrementAndGet();
            }
        }
    }
}
