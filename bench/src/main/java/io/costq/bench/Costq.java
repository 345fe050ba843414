package io.costq.bench;

import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.PolicySettings;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.redisson.api.RedissonClient;

/** Builds the costq pieces every phase uses: settings under a fresh key prefix, a client, one worker. */
final class Costq {
    private static final SplittableRandom PREFIXES = new SplittableRandom(System.nanoTime());

    private Costq() {
    }

    /** Default settings, except that the policy's task cap is the worker's (the seed caps at 32). */
    static CostqSettings settings(String prefix, int maxTasks) {
        CostqSettings d = CostqSettings.defaults(prefix);
        PolicySettings p = d.policy();
        return d.withPolicy(new PolicySettings(p.cpuThreshold(), maxTasks, p.fillInMaxMs(), p.idleWaitMs()));
    }

    static String freshPrefix(String phase) {
        return "bench-" + phase + "-" + HexFormat.of().toHexDigits(PREFIXES.nextInt());
    }

    static CostqClient client(RedissonClient redis, CostqSettings settings) {
        return new CostqClient(redis, settings, JobTypes.builtIns(), Clock.SYSTEM);
    }

    /** One worker node: maxTasks as given, CPU sampler fixed at 0 (the CPU gate never closes), default leases. */
    static WorkerEngine worker(RedissonClient redis, CostqSettings settings, int maxTasks, Completions listener) {
        var node = new WorkerSettings("bench-worker", maxTasks, Runtime.getRuntime().availableProcessors(), 1_000, 3_000, "", 5_000);
        return new WorkerEngine(redis, settings, node, JobTypes.builtIns(), () -> 0.0, Clock.SYSTEM, listener);
    }

    static SubmitRequest noop(int i) {
        return SubmitRequest.of("user" + (i % 16), "noop", JsonNodeFactory.instance.objectNode());
    }

    static List<SubmitRequest> noops(int from, int n) {
        List<SubmitRequest> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(noop(from + i));
        return out;
    }
}
