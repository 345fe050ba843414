package io.costq.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.ClusterSettings;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.store.CancelJob;
import io.costq.core.testing.Await;
import io.costq.core.testing.DeliveryRecorder;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Four partitions on one real redis-server: the same scheduler, its keys spread over four hash tags. */
class PartitionedSchedulerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedissonClient redis = TestRedis.client();
    private final DeliveryRecorder recorder = new DeliveryRecorder();
    private final List<WorkerEngine> workers = new ArrayList<>();
    private final CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix())
            .withLease(new CostqSettings.LeaseSettings(1_000, 200, 50))
            .withCluster(new ClusterSettings(4, 0, 1_000));
    private final CostqClient client = new CostqClient(redis, settings, JobTypes.builtIns().register(recorder), Clock.SYSTEM);

    @AfterEach
    void stop() {
        workers.forEach(WorkerEngine::crash);
        client.close();
    }

    private void workers(int n) {
        for (int i = 0; i < n; i++) {
            var w = new WorkerEngine(redis, settings, new WorkerSettings("pw" + i, 8, 8, 200, 1_000, "", 1_000),
                    JobTypes.builtIns().register(recorder), () -> 0, Clock.SYSTEM, WorkerListener.NONE);
            workers.add(w);
            w.start();
        }
    }

    private static SubmitRequest message(String user, String key, int seq) throws Exception {
        return SubmitRequest.of(user, "deliver", JSON.readTree("{\"key\": \"" + key + "\", \"seq\": " + seq + ", \"ms\": 1}"))
                .withDelivery(key, null, null, null);
    }

    @Test
    void jobsSpreadOverPartitionsRunOnceInKeyOrderAndAreFoundByIdAlone() throws Exception {
        List<SubmitRequest> requests = new ArrayList<>();
        for (int seq = 0; seq < 6; seq++) {
            for (int k = 0; k < 20; k++) requests.add(message("user-" + (k * 7 + seq) % 13, "key-" + k, seq));
        }
        for (int u = 0; u < 40; u++) requests.add(SubmitRequest.of("plain-" + u, "noop", JSON.readTree("{}")));
        List<Submitted> jobs = client.submitAll(requests);
        Set<Integer> used = jobs.stream().map(s -> client.partitions().ofId(s.id())).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(client.queues().stream().mapToLong(q -> q.depth()).sum()).as("queues seen as one").isEqualTo(20 + 40);

        workers(3);
        Await.until("every job SUCCEEDED", Duration.ofSeconds(30), () -> jobs.stream().allMatch(s -> client.get(s.id()).orElseThrow().status() == JobState.SUCCEEDED));

        Map<String, List<DeliveryRecorder.Run>> byKey = recorder.runs.stream().collect(Collectors.groupingBy(DeliveryRecorder.Run::key));
        assertThat(byKey).hasSize(20);
        for (var runs : byKey.values()) {
            runs.sort(Comparator.comparingLong(DeliveryRecorder.Run::startNs));
            assertThat(runs).extracting(DeliveryRecorder.Run::seq).containsExactly(0, 1, 2, 3, 4, 5);
        }
        // a user's runs of a type teach the user's own partition, wherever the job itself lived
        for (int u = 0; u < 13; u++) {
            String user = "user-" + u;
            var history = redis.<String>getList(io.costq.core.store.History.of(user, "deliver", null).key(client.partitions()),
                    StringCodec.INSTANCE).readAll();
            assertThat(history).as("history of %s", user).isNotEmpty();
            assertThat(client.estimate(user, "deliver", null).historyMs()).isNotEmpty();
        }
    }

    @Test
    void cancelDeadAndQueuesWorkAcrossPartitions() throws Exception {
        Set<Integer> seen = new HashSet<>();
        List<Submitted> queued = new ArrayList<>();
        for (int u = 0; seen.size() < 4; u++) {
            Submitted s = client.submit(SubmitRequest.of("c-" + u, "noop", JSON.readTree("{}")));
            seen.add(client.partitions().ofId(s.id()));
            queued.add(s);
        }
        for (Submitted s : queued) assertThat(client.cancel(s.id())).isEqualTo(CancelJob.Outcome.CANCELLED);
        assertThat(client.queues().stream().mapToLong(q -> q.depth()).sum()).isZero();
        assertThat(client.get("01ARZ3NDEKTSV4RRFFQ69G5FAV")).as("an id naming no partition of this layout").isEmpty();
        assertThat(client.dead(10)).isEmpty();
    }
}
