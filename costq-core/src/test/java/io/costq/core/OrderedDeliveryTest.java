package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.store.AckJob;
import io.costq.core.testing.DeliveryRecorder;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.ManualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Ordering keys, ack-or-timeout and delivery channels, with real workers on a real redis-server. */
class OrderedDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedissonClient redis = TestRedis.client();
    private final DeliveryRecorder recorder = new DeliveryRecorder();
    private final List<WorkerEngine> workers = new ArrayList<>();
    private final List<CostqClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(WorkerEngine::crash);
        clients.forEach(CostqClient::close);
    }

    private CostqSettings settings(Map<String, DeliverySettings.Channel> channels, long ackTimeoutMs) {
        return CostqSettings.defaults(TestRedis.freshPrefix())
                .withLease(new CostqSettings.LeaseSettings(1_000, 200, 50))
                .withRetry(new CostqSettings.RetrySettings(10, 20))
                .withDelivery(new DeliverySettings(ackTimeoutMs, channels));
    }

    private CostqClient client(CostqSettings s) {
        CostqClient c = new CostqClient(redis, s, JobTypes.builtIns().register(recorder), Clock.SYSTEM);
        clients.add(c);
        return c;
    }

    private void workers(CostqSettings s, int n, int maxTasks) {
        for (int i = 0; i < n; i++) {
            var w = new WorkerEngine(redis, s, new WorkerSettings("w" + i, maxTasks, 8, 200, 1_000, "", 1_000),
                    JobTypes.builtIns().register(recorder), () -> 0, Clock.SYSTEM, WorkerListener.NONE);
            workers.add(w);
            w.start();
        }
    }

    private static SubmitRequest message(String key, int seq, long ms, String channel, Boolean awaitAck) throws Exception {
        return SubmitRequest.of("u-" + key, "deliver", JSON.readTree("{\"key\": \"" + key + "\", \"seq\": " + seq + ", \"ms\": " + ms + "}"))
                .withDelivery(key, channel, awaitAck, null);
    }

    private void awaitAll(CostqClient c, List<Submitted> jobs, JobState state, long ms) throws InterruptedException {
        WorkerEngineTest.await(() -> jobs.stream().allMatch(s -> c.get(s.id()).orElseThrow().status() == state), ms);
    }

    @Test
    void eachKeyRunsStrictlyOneAtATimeInSubmitOrderUnderThreeWorkers() throws Exception {
        CostqSettings s = settings(Map.of(), 30_000);
        CostqClient c = client(s);
        SplittableRandom random = new SplittableRandom(7);
        List<SubmitRequest> requests = new ArrayList<>();
        for (int seq = 0; seq < 8; seq++) {
            for (int k = 0; k < 25; k++) requests.add(message("room" + k, seq, random.nextInt(0, 15), null, null));
        }
        List<Submitted> jobs = c.submitAll(requests);
        workers(s, 3, 8);
        awaitAll(c, jobs, JobState.SUCCEEDED, 30_000);

        Map<String, List<DeliveryRecorder.Run>> byKey = recorder.runs.stream()
                .collect(Collectors.groupingBy(DeliveryRecorder.Run::key));
        assertThat(byKey).hasSize(25);
        for (var runs : byKey.values()) {
            runs.sort(Comparator.comparingLong(DeliveryRecorder.Run::startNs));
            assertThat(runs).extracting(DeliveryRecorder.Run::seq).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).startNs()).as("message %d of %s starts after %d ended", i, runs.get(i).key(), i - 1)
                        .isGreaterThan(runs.get(i - 1).endNs());
            }
        }
    }

    @Test
    void aSlowKeyDoesNotHoldUpOtherKeys() throws Exception {
        CostqSettings s = settings(Map.of(), 30_000);
        CostqClient c = client(s);
        workers(s, 1, 8);
        Submitted slow = c.submit(message("slow", 0, 3_000, null, null));
        c.submit(message("slow", 1, 0, null, null));
        List<Submitted> quick = new ArrayList<>();
        for (int i = 0; i < 5; i++) quick.add(c.submit(message("quick", i, 0, null, null)));
        awaitAll(c, quick, JobState.SUCCEEDED, 2_500);
        assertThat(c.get(slow.id()).orElseThrow().status()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void theNextMessageWaitsForTheAckWhichMayComeFromAnotherApiInstance() throws Exception {
        CostqSettings s = settings(Map.of(), 30_000);
        CostqClient first = client(s);
        CostqClient webhook = client(s); // a second API instance: it shares nothing but Redis
        workers(s, 2, 4);
        Submitted m0 = first.submit(message("chat", 0, 0, null, true));
        Submitted m1 = first.submit(message("chat", 1, 0, null, true));
        WorkerEngineTest.await(() -> first.get(m0.id()).orElseThrow().status() == JobState.AWAITING_ACK, 5_000);
        // m1 waits for m0's ack: queued, but in no class queue, where no worker can claim it
        assertThat(first.get(m1.id()).orElseThrow().status()).isEqualTo(JobState.QUEUED);
        assertThat(first.queues()).allSatisfy(q -> assertThat(q.depth()).isZero());

        assertThat(webhook.ack(m0.id())).isEqualTo(AckJob.Outcome.ACKED);
        JobView acked = first.get(m0.id()).orElseThrow();
        assertThat(acked.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(acked.ack()).isEqualTo("acked");
        WorkerEngineTest.await(() -> first.get(m1.id()).orElseThrow().status() == JobState.AWAITING_ACK, 5_000);
        assertThat(webhook.ack(m0.id())).as("a duplicate ack is harmless").isEqualTo(AckJob.Outcome.DUPLICATE);
        assertThat(webhook.ack("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(AckJob.Outcome.NOT_FOUND);
    }

    @Test
    void anAckTimeoutReleasesTheNextMessageAndAnEarlyAckIsKept() throws Exception {
        CostqSettings s = settings(Map.of(), 300);
        CostqClient c = client(s);
        Submitted m0 = c.submit(message("t", 0, 0, null, true));
        Submitted m1 = c.submit(message("t", 1, 200, null, true));
        workers(s, 1, 4);
        JobView timedOut = c.awaitTerminal(m0.id(), 5_000).orElseThrow();
        assertThat(timedOut.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(timedOut.ack()).isEqualTo("timeout");
        WorkerEngineTest.await(() -> c.get(m1.id()).orElseThrow().status() == JobState.RUNNING, 5_000);
        assertThat(c.ack(m1.id())).as("ack before the run ended").isEqualTo(AckJob.Outcome.RECORDED_EARLY);
        JobView early = c.awaitTerminal(m1.id(), 5_000).orElseThrow();
        assertThat(early.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(early.ack()).isEqualTo("acked");
    }

    @Test
    void aRetryKeepsTheJobAtTheHeadOfItsKey() throws Exception {
        CostqSettings s = settings(Map.of(), 30_000);
        CostqClient c = client(s);
        SubmitRequest failing = SubmitRequest.of("u", "deliver", JSON.readTree("{\"key\": \"r\", \"seq\": 0, \"failFirst\": true}"))
                .withDelivery("r", null, null, null);
        Submitted m0 = c.submit(failing);
        List<Submitted> rest = new ArrayList<>();
        for (int i = 1; i <= 3; i++) rest.add(c.submit(message("r", i, 0, null, null)));
        workers(s, 2, 4);
        awaitAll(c, rest, JobState.SUCCEEDED, 10_000);
        assertThat(c.get(m0.id()).orElseThrow().attempts()).isEqualTo(2);
        List<DeliveryRecorder.Run> runs = new ArrayList<>(recorder.runs);
        runs.sort(Comparator.comparingLong(DeliveryRecorder.Run::startNs));
        assertThat(runs).extracting(DeliveryRecorder.Run::seq).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aChannelsWidthIsNeverExceededAcrossThreeWorkers() throws Exception {
        CostqSettings s = settings(Map.of("sms", new DeliverySettings.Channel("sms", 3, 0)), 30_000);
        CostqClient c = client(s);
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            requests.add(SubmitRequest.of("u" + (i % 20), "deliver", JSON.readTree("{\"key\": \"k\", \"seq\": " + i + ", \"ms\": 2}"))
                    .withDelivery(null, "sms", null, null));
        }
        List<Submitted> jobs = c.submitAll(requests);
        workers(s, 3, 16);
        awaitAll(c, jobs, JobState.SUCCEEDED, 60_000);
        assertThat(recorder.maxInFlight()).isBetween(1, 3);
        assertThat(c.channels()).singleElement().satisfies(v -> {
            assertThat(v.maxConcurrency()).isEqualTo(3);
            assertThat(v.inUse()).isZero();
            assertThat(v.waiting()).isZero();
        });
    }

    @Test
    void aCrashedWorkersChannelPermitComesBackWithItsLease() throws Exception {
        CostqSettings s = settings(Map.of("gsm", new DeliverySettings.Channel("gsm", 1, 0)), 30_000);
        CostqClient c = client(s);
        workers(s, 1, 4);
        // one attempt only: when its node dies, its lease expiry ends it DEAD rather than queueing it again ahead of
        // the next job, so the test sees the permit itself come back
        Submitted stuck = c.submit(new SubmitRequest("u", "deliver", JSON.readTree("{\"key\": \"a\", \"seq\": 0, \"ms\": 60000}"),
                null, 1, null, null).withDelivery(null, "gsm", null, null));
        WorkerEngineTest.await(() -> c.get(stuck.id()).orElseThrow().status() == JobState.RUNNING, 5_000);
        Submitted next = c.submit(SubmitRequest.of("u", "deliver", JSON.readTree("{\"key\": \"b\", \"seq\": 1}"))
                .withDelivery(null, "gsm", null, null));
        // the worker tries it and parks it: the channel's one permit is taken
        WorkerEngineTest.await(() -> c.channels().get(0).waiting() == 1, 5_000);
        assertThat(c.get(next.id()).orElseThrow().status()).isEqualTo(JobState.QUEUED);
        assertThat(c.channels().get(0).inUse()).isEqualTo(1);

        workers.get(0).crash();
        workers(s, 1, 4);
        WorkerEngineTest.await(() -> c.get(next.id()).orElseThrow().status() == JobState.SUCCEEDED, 10_000);
        // the permit frees at the lease deadline (the claim script), the reaper ends the job on its next round: either first
        WorkerEngineTest.await(() -> c.get(stuck.id()).orElseThrow().status() == JobState.DEAD, 10_000);
    }

    @Test
    void anUnknownChannelIsRejectedNamingTheField() throws Exception {
        CostqClient c = client(settings(Map.of(), 1_000));
        try {
            c.submit(message("x", 0, 0, "pigeon", null));
            throw new AssertionError("accepted an unknown channel");
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo("channel");
        }
    }

    @Test
    void aBacklogOfDueAckTimeoutsDrainsInOneReaperRound() throws Exception {
        CostqSettings s = settings(Map.of(), 1);
        CostqClient c = client(s);
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            requests.add(SubmitRequest.of("u", "noop", null).withDelivery(null, null, true, null));
        }
        List<Submitted> jobs = c.submitAll(requests);
        // a node that is never started, on a clock the test steps: it runs what it claims, and reaps only when told
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        var w = new WorkerEngine(redis, s, new WorkerSettings("stepped", 64, 8, 200, 1_000, "", 1_000),
                JobTypes.builtIns(), () -> 0, clock, WorkerListener.NONE);
        workers.add(w);
        WorkerEngineTest.await(() -> {
            w.pollOnce();
            return jobs.stream().allMatch(j -> c.get(j.id()).orElseThrow().status() == JobState.AWAITING_ACK);
        }, 20_000);
        clock.tick(java.time.Duration.ofMillis(5)); // every ack timeout (1 ms) has passed
        w.reapOnce();
        assertThat(jobs).allSatisfy(j -> {
            JobView v = c.get(j.id()).orElseThrow();
            assertThat(v.status()).isEqualTo(JobState.SUCCEEDED);
            assertThat(v.ack()).isEqualTo("timeout");
        });
    }
}
