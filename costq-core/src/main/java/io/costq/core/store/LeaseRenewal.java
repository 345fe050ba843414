package io.costq.core.store;

import io.costq.core.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link JobStore#renew}: the leases of a node's running jobs renewed with one {@code extendLeases.lua} call per
 * partition, all in one pipeline; a partition that does not answer leaves its jobs unreached (not renewed this round).
 */
final class LeaseRenewal {
    private LeaseRenewal() {
    }

    static JobStore.Renewals renew(ScriptExecutor scripts, Partitions partitions, Map<String, Long> tokens, long nowMs, long leaseMs) {
        List<Map<String, Long>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) byPartition.add(new java.util.LinkedHashMap<>());
        tokens.forEach((id, token) -> byPartition.get(Math.max(0, Ids.isValid(id) ? partitions.ofId(id) : -1)).put(id, token));
        ScriptExecutor.Pipeline pipeline = scripts.pipeline(Replicas.NONE);
        List<CompletableFuture<ExtendLeases.Renewal>> replies = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) {
            replies.add(byPartition.get(p).isEmpty() ? null : pipeline.add(ExtendLeases.call(partitions.keys(p), byPartition.get(p), nowMs, leaseMs)));
        }
        pipeline.send();
        List<String> lost = new ArrayList<>();
        List<String> cancels = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        RuntimeException failure = null;
        for (int p = 0; p < replies.size(); p++) {
            if (replies.get(p) == null) continue;
            try {
                ExtendLeases.Renewal r = ScriptExecutor.join(replies.get(p));
                lost.addAll(r.lost());
                cancels.addAll(r.cancelRequested());
            } catch (RuntimeException e) {
                unreached.addAll(byPartition.get(p).keySet());
                failure = e;
            }
        }
        return new JobStore.Renewals(lost, cancels, unreached, failure);
    }
}
