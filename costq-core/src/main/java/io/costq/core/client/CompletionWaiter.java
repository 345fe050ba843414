package io.costq.core.client;

import io.costq.core.store.Notices;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets callers wait for a job to finish without polling: the end of an awaited job is published on the done
 * channel, and one subscription per process completes the matching futures.
 */
final class CompletionWaiter implements AutoCloseable {
    private final ConcurrentHashMap<String, List<CompletableFuture<String>>> waiting = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    CompletionWaiter(Notices notices) {
        this.subscription = notices.subscribe(Notices.Notice.DONE, id -> {
            List<CompletableFuture<String>> futures = waiting.remove(id);
            if (futures != null) futures.forEach(f -> f.complete(id));
        });
    }

    /** Register before reading the job's state, so an end between the two is not missed. */
    CompletableFuture<String> register(String id) {
        CompletableFuture<String> f = new CompletableFuture<>();
        waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    void unregister(String id, CompletableFuture<String> f) {
        waiting.computeIfPresent(id, (k, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // closing at shutdown: nothing left to do
        }
    }
}
