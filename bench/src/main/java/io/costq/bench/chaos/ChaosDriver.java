package io.costq.bench.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.costq.core.CostqSettings;
import io.costq.core.RedisConnector;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.redisson.api.RedissonClient;

/**
 * Submits {@code --jobs} {@code sleep} jobs of {@code --min-ms..--max-ms} (seeded), writes their ids to
 * {@code --ids} as soon as they are accepted, then waits until every one is terminal (or {@code --timeout-s}).
 * The workers being killed meanwhile are chaos.sh's business.
 */
final class ChaosDriver {
    private static final int BATCH = 500;

    private ChaosDriver() {
    }

    static int run(Args a) throws Exception {
        int jobs = (int) a.number("jobs", 5_000);
        long minMs = a.number("min-ms", 20);
        long maxMs = a.number("max-ms", 200);
        int maxAttempts = (int) a.number("max-attempts", 20);
        long seed = a.number("seed", 1);
        Path idsFile = Path.of(a.text("ids"));
        Random sizes = new Random(seed);
        RedissonClient redis = RedisConnector.connect(a.text("redis"), null, 16);
        try (CostqClient client = new CostqClient(redis, CostqSettings.defaults(a.text("prefix")), JobTypes.builtIns(), Clock.SYSTEM)) {
            long t0 = System.currentTimeMillis();
            List<String> ids = new ArrayList<>(jobs);
            for (int sent = 0; sent < jobs; sent += BATCH) {
                List<SubmitRequest> batch = new ArrayList<>(BATCH);
                for (int i = sent; i < Math.min(jobs, sent + BATCH); i++) {
                    long ms = minMs + (long) (sizes.nextDouble() * (maxMs - minMs + 1));
                    // attempts well above the number of kills a job can meet, so a DEAD job would be a real loss
                    batch.add(new SubmitRequest("chaos" + (i % 10), "sleep",
                            JsonNodeFactory.instance.objectNode().put("ms", ms), null, maxAttempts, null, null));
                }
                for (Submitted s : client.submitAll(batch)) ids.add(s.id());
                Files.write(idsFile, ids);
            }
            log("accepted %d jobs in %d ms", ids.size(), System.currentTimeMillis() - t0);
            boolean done = Terminal.await(client, ids, a.number("timeout-s", 600) * 1_000,
                    open -> log("%d of %d jobs terminal after %d s", ids.size() - open, ids.size(),
                            (System.currentTimeMillis() - t0) / 1_000));
            log("%s after %d ms", done ? "all jobs terminal" : "timed out waiting", System.currentTimeMillis() - t0);
            return done ? 0 : 1;
        } finally {
            redis.shutdown();
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("chaos: " + format + "%n", args);
    }
}
