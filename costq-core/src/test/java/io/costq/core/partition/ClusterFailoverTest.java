package io.costq.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.ClusterSettings;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.RedisOptions;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.ClaimedJob;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import io.costq.core.testing.DeliveryRecorder;
import io.costq.core.testing.RedisClusterProcess;
import io.costq.core.testing.RedisServerProcess;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A real Redis Cluster (3 primaries, 3 replicas, AOF on) with six partitions: jobs are submitted (each 202 only
 * after a replica has it, WAIT 1), claimed and completed by in-JVM workers; half way a primary is killed with
 * SIGKILL and its replica takes over. Every acknowledged job still finishes, the workers carry on without a
 * restart, and each ordering key's jobs still start in submit order. Size: {@code -Dcostq.cluster.jobs} (default 2000).
 */
@Tag("cluster")
class ClusterFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOBS = Integer.getInteger("costq.cluster.jobs", 2_000);
    private static final int KEYS = 60;
    private static final int SUBMITTERS = 4;

    private final DeliveryRecorder recorder = new DeliveryRecorder();
    private final List<WorkerEngine> workers = new ArrayList<>();
    /** Claims per worker after the failover was over. */
    private final Map<String, Long> claimsAfter = new ConcurrentHashMap<>();
    private final AtomicLong failoverDoneMs = new AtomicLong(Long.MAX_VALUE);
    /** Per key, the sequence numbers acknowledged; per "key#seq", the job's id. */
    private final Map<String, List<Integer>> acked = new ConcurrentHashMap<>();
    private final Map<String, String> idBySeq = new ConcurrentHashMap<>();
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch halfway = new CountDownLatch(1);

    @Test
    void killingAPrimaryLosesNoAcknowledgedJobAndKeepsKeyOrder() throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start(3, 1)) {
            RedissonClient redis = RedisConnector.connect(RedisOptions.cluster(cluster.addresses(), null, 16));
            CostqSettings settings = CostqSettings.defaults("cq" + Long.toHexString(System.nanoTime()))
                    .withLease(new CostqSettings.LeaseSettings(3_000, 500, 200))
                    .withRetry(new CostqSettings.RetrySettings(10, 50))
                    .withCluster(new ClusterSettings(6, 1, 1_000));
            CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(recorder), Clock.SYSTEM);
            try {
                startWorkers(redis, settings);
                List<Thread> submitters = startSubmitters(client);
                halfway.await();
                String failover = killThePrimaryOfPartitionZero(cluster, settings);
                for (Thread th : submitters) th.join(120_000);

                Map<String, JobView> finals = awaitTheEnds(client, 45_000);
                System.out.printf("cluster: %d jobs acknowledged (WAIT 1), %d submits refused/retried; %s; %d finished; "
                        + "claims after failover per worker %s%n", submitted.get(), refused.get(), failover, finals.size(), claimsAfter);

                assertThat(finals).as("every acknowledged job reaches an end").hasSize(submitted.get());
                assertThat(finals.values()).as("and succeeds").allMatch(v -> v.status() == JobState.SUCCEEDED);
                assertThat(claimsAfter.keySet()).as("every worker claims again after the failover, without a restart")
                        .containsExactlyInAnyOrder("cw0", "cw1", "cw2");
                assertEachKeysJobsStartedAndEndedInSubmitOrder(finals);
            } finally {
                workers.forEach(WorkerEngine::crash);
                client.close();
                redis.shutdown();
            }
        }
    }

    private void startWorkers(RedissonClient redis, CostqSettings settings) {
        for (int i = 0; i < 3; i++) {
            String nodeId = "cw" + i;
            var w = new WorkerEngine(redis, settings, new WorkerSettings(nodeId, 8, 8, 200, 1_000, "", 1_000),
                    JobTypes.builtIns().register(recorder), () -> 0, Clock.SYSTEM, new WorkerListener() {
                        @Override
                        public void claimed(ClaimedJob job, long waitedMs) {
                            if (System.currentTimeMillis() > failoverDoneMs.get()) claimsAfter.merge(nodeId, 1L, Long::sum);
                        }
                    });
            workers.add(w);
            w.start();
        }
    }

    /** Submitters own disjoint keys, so each key's jobs are submitted one after another, in seq order. */
    private List<Thread> startSubmitters(CostqClient client) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < SUBMITTERS; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                for (int seq = 0; seq < JOBS / KEYS; seq++) {
                    for (int k = me; k < KEYS; k += SUBMITTERS) submitOne(client, "key-" + k, k, seq);
                }
            }, "submitter-" + t);
            threads.add(th);
            th.start();
        }
        return threads;
    }

    private void submitOne(CostqClient client, String key, int k, int seq) {
        SubmitRequest r = new SubmitRequest("user-" + (k % 17), "deliver", payload(key, seq), key + "#" + seq, 10, null, null)
                .withDelivery(key, null, null, null);
        idBySeq.put(key + "#" + seq, submitUntilAcknowledged(client, r));
        acked.computeIfAbsent(key, x -> Collections.synchronizedList(new ArrayList<>())).add(seq);
        if (submitted.incrementAndGet() == JOBS / 2) halfway.countDown();
    }

    /**
     * Kills partition 0's primary, waits for its replica's promotion, then restarts the old primary (it rejoins as a
     * replica: until then WAIT 1 refuses that shard's submits). Returns how long each took.
     */
    private String killThePrimaryOfPartitionZero(RedisClusterProcess cluster, CostqSettings settings) {
        String victimKey = "{" + settings.keyPrefix() + ":0}:running";
        RedisServerProcess victim = cluster.primaryOf(victimKey);
        long killedAt = System.currentTimeMillis();
        victim.kill9();
        cluster.awaitNewPrimary(victimKey, victim, 30_000);
        long promotedAt = System.currentTimeMillis();
        failoverDoneMs.set(promotedAt);
        cluster.restart(victim, 30_000);
        long rejoinedAt = System.currentTimeMillis();
        return "primary killed, replica promoted " + (promotedAt - killedAt) + " ms later, old primary back as a replica "
                + (rejoinedAt - promotedAt) + " ms after that";
    }

    /** Polls every acknowledged job until each is terminal or the time is up; returns the terminal ones by key#seq. */
    private Map<String, JobView> awaitTheEnds(CostqClient client, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Map<String, JobView> finals = new HashMap<>();
        while (System.currentTimeMillis() < deadline && finals.size() < submitted.get()) {
            for (var e : idBySeq.entrySet()) {
                if (finals.containsKey(e.getKey())) continue;
                Optional<JobView> v = tryGet(client, e.getValue());
                if (v.isPresent() && v.get().status().isTerminal()) finals.put(e.getKey(), v.get());
            }
            Thread.sleep(100);
        }
        return finals;
    }

    /** Per key: the first start of each job, and its final end, follow submit order. */
    private void assertEachKeysJobsStartedAndEndedInSubmitOrder(Map<String, JobView> finals) {
        Map<String, List<DeliveryRecorder.Run>> byKey = recorder.runs.stream().collect(Collectors.groupingBy(DeliveryRecorder.Run::key));
        for (var e : acked.entrySet()) {
            Map<Integer, Long> firstStart = new HashMap<>();
            for (DeliveryRecorder.Run run : byKey.getOrDefault(e.getKey(), List.of())) firstStart.merge(run.seq(), run.startNs(), Math::min);
            List<Integer> seqs = new ArrayList<>(e.getValue());
            Collections.sort(seqs);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(firstStart.get(seqs.get(i))).as("%s: job %d starts after job %d", e.getKey(), seqs.get(i), seqs.get(i - 1))
                        .isGreaterThan(firstStart.get(seqs.get(i - 1)));
                assertThat(finals.get(e.getKey() + "#" + seqs.get(i)).finishedAt())
                        .isGreaterThanOrEqualTo(finals.get(e.getKey() + "#" + seqs.get(i - 1)).finishedAt());
            }
        }
    }

    /** Submits until a 202 would be answered: refusals (Redis away, or not replicated in time) are retried. */
    private String submitUntilAcknowledged(CostqClient client, SubmitRequest r) {
        for (int attempt = 0; ; attempt++) {
            try {
                return client.submit(r).id();
            } catch (RuntimeException e) {
                refused.incrementAndGet();
                if (attempt > 600) throw e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Optional<JobView> tryGet(CostqClient client, String id) {
        try {
            return client.get(id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JsonNode payload(String key, int seq) {
        return JSON.createObjectNode().put("key", key).put("seq", seq).put("ms", 1);
    }
}
