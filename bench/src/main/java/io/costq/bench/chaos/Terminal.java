package io.costq.bench.chaos;

import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/** Polls jobs until each is terminal. */
final class Terminal {
    private Terminal() {
    }

    /** @return whether every job became terminal within timeoutMs; {@code progress} hears the open count every 5 s */
    static boolean await(CostqClient client, List<String> ids, long timeoutMs, IntConsumer progress) throws InterruptedException {
        Set<String> open = new LinkedHashSet<>(ids);
        long deadline = System.currentTimeMillis() + timeoutMs;
        long nextReport = System.currentTimeMillis() + 5_000;
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            open.removeIf(id -> client.get(id).map(v -> v.status().isTerminal()).orElse(false));
            if (System.currentTimeMillis() >= nextReport) {
                progress.accept(open.size());
                nextReport += 5_000;
            }
            if (!open.isEmpty()) Thread.sleep(200);
        }
        return open.isEmpty();
    }

    /** Each job's state now (absent when it is gone). */
    static Map<String, JobView> read(CostqClient client, List<String> ids) {
        Map<String, JobView> out = new HashMap<>();
        for (String id : ids) client.get(id).ifPresent(v -> out.put(id, v));
        return out;
    }
}
