package io.costq.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import io.costq.core.testing.Await;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobContext;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The maintained Node worker (examples/node-worker, plain Node with fetch) against the packaged API on a real Redis,
 * with no Java worker: jobs of its own type submitted from Java run on it with a Java node's guarantees.
 */
class NodeWorkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LEASE_MS = 2_000;
    private static CostqProcesses costq;
    private static CostqClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The type as the submitting side knows it: by name only (its handler is the Node worker's). */
    private static final JobType THUMBNAIL = new JobType() {
        @Override
        public String name() {
            return "thumbnail";
        }

        @Override
        public Object run(JobContext ctx) throws PermanentFailure {
            throw new PermanentFailure("runs on the Node worker");
        }
    };

    @BeforeAll
    static void start() throws Exception {
        costq = CostqProcesses.start(false, List.of("-Dcostq.jobs.remote-types=thumbnail", "-Dcostq.lease.lease-ms=" + LEASE_MS,
                "-Dcostq.lease.renew-every-ms=500", "-Dcostq.lease.reap-every-ms=200"));
        client = new CostqClient(TestRedis.client(), CostqSettings.defaults(costq.prefix()), JobTypes.builtIns().register(THUMBNAIL), Clock.SYSTEM);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.close();
        if (costq != null) costq.close();
    }

    @Test
    void aThousandJobsSubmittedFromJavaAllRunOnTheNodeWorkerNoneLost() throws Exception {
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            requests.add(SubmitRequest.of("user-" + (i % 10), "thumbnail",
                    JSON.valueToTree(Map.of("src", "img-" + i + ".png", "width", 1_000 + i, "height", 500))));
        }
        try (NodeWorker worker = NodeWorker.start(costq, "node-thousand", 16)) {
            long t0 = System.nanoTime();
            List<String> ids = client.submitAll(requests).stream().map(Submitted::id).toList();
            awaitTrue(() -> client.store().jobs(ids).values().stream().allMatch(j -> j.status().isTerminal()), Duration.ofSeconds(180),
                    "all 1,000 jobs ended", worker);
            System.out.printf("[node-worker] 1,000 thumbnail jobs in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Map<String, JobView> jobs = client.store().jobs(ids);
            assertThat(jobs).hasSize(1_000);
            for (int i = 0; i < ids.size(); i++) {
                JobView j = jobs.get(ids.get(i));
                assertThat(j.status()).as("%s: %s", j.id(), j.error()).isEqualTo(JobState.SUCCEEDED);
                assertThat(j.node()).isEqualTo("node-thousand");
                JsonNode result = JSON.readTree(j.resultJson());
                assertThat(result.path("src").asText()).isEqualTo("img-" + i + ".png");
                assertThat(result.path("width").asInt()).isEqualTo(128);
                assertThat(result.path("height").asInt()).isEqualTo((int) Math.round(500 * 128.0 / (1_000 + i)));
            }
        }
    }

    @Test
    void aKilledNodeWorkersJobRunsAgainOnAnotherAfterItsLease() throws Exception {
        String id = client.submit(SubmitRequest.of("u", "thumbnail",
                JSON.valueToTree(Map.of("src", "big.png", "width", 4_000, "height", 3_000, "ms", 3_000)))).id();
        try (NodeWorker first = NodeWorker.start(costq, "node-killed", 4)) {
            awaitTrue(() -> job(id).status() == JobState.RUNNING && "node-killed".equals(job(id).node()), Duration.ofSeconds(60),
                    "the first worker runs the job", first);
            first.kill(); // SIGKILL mid-job: no completion, no renewal
        }
        try (NodeWorker second = NodeWorker.start(costq, "node-second", 4)) {
            awaitTrue(() -> job(id).status().isTerminal(), Duration.ofSeconds(60), "the job ran again", second);
        }
        JobView j = job(id);
        assertThat(j.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(j.node()).isEqualTo("node-second");
        // at least the killed run and the second worker's; a 2 s lease can also run out on a loaded machine before the
        // kill (the job then runs again, as it should): what must hold is that it ended once, on the live worker
        assertThat(j.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(JSON.readTree(j.resultJson()).path("width").asInt()).isEqualTo(128);
    }

    @Test
    void aCompletionWithATokenWhoseLeaseRanOutIsRefusedAndChangesNothing() throws Exception {
        String id = client.submit(SubmitRequest.of("u", "thumbnail", JSON.valueToTree(Map.of("src", "a.png", "width", 10, "height", 10)))).id();
        long stale = claim("node-late").path("token").asLong();
        awaitTrue(() -> job(id).status() == JobState.QUEUED, Duration.ofSeconds(30), "the lease ran out and the job is queued again", null);
        long current = claim("node-current").path("token").asLong();
        assertThat(current).isGreaterThan(stale);

        HttpResponse<String> late = post("/v1/jobs/" + id + "/complete", "{\"token\": " + stale + ", \"result\": \"late\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).path("field").asText()).isEqualTo("token");
        assertThat(job(id).status()).isEqualTo(JobState.RUNNING);
        assertThat(job(id).node()).isEqualTo("node-current");

        assertThat(post("/v1/jobs/" + id + "/complete", "{\"token\": " + current + ", \"result\": \"current\"}").statusCode()).isEqualTo(200);
        assertThat(job(id).resultJson()).isEqualTo("\"current\"");
    }

    private JsonNode claim(String node) throws Exception {
        HttpResponse<String> r = post("/v1/workers/" + node + "/claim", "{\"types\": [\"thumbnail\"], \"max\": 1, \"cpu\": 0}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode jobs = JSON.readTree(r.body());
        assertThat(jobs).as(r.body()).hasSize(1);
        return jobs.get(0);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(costq.baseUri() + path)).header("content-type", "application/json")
                .header("authorization", "Bearer " + CostqProcesses.WORKER_KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JobView job(String id) {
        return client.get(id).orElseThrow();
    }

    /** Waits for the condition (io.costq.core.testing.Await); fails with the worker's log after {@code max}. */
    private static void awaitTrue(BooleanSupplier condition, Duration max, String what, NodeWorker worker) {
        try {
            Await.until(what, max, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + (worker == null ? "" : "; worker log:\n" + worker.log()), e);
        }
    }

    /** The example's worker (examples/node-worker/worker.mjs) as a child process, with the WORKER key. */
    static final class NodeWorker implements AutoCloseable {
        private final Process process;
        private final Path log;

        private NodeWorker(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static NodeWorker start(CostqProcesses costq, String node, int concurrency) throws Exception {
            Path script = Path.of(System.getProperty("costq.node.worker", "(unset)"));
            assertThat(script).as("examples/node-worker/worker.mjs").exists();
            Path log = Files.createTempFile("costq-node-worker-" + node, ".log");
            ProcessBuilder pb = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("COSTQ_URL", costq.baseUri(), "COSTQ_KEY", CostqProcesses.WORKER_KEY, "COSTQ_NODE", node,
                    "COSTQ_CONCURRENCY", String.valueOf(concurrency), "COSTQ_CPU", "process"));
            return new NodeWorker(pb.start(), log);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (Exception e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: it stops claiming and finishes what it runs
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            }
            System.out.print("[node-worker] " + log());
            Files.deleteIfExists(log);
        }
    }
}
