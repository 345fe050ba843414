package io.costq.core.client;

import io.costq.core.redis.Keys;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Lets callers wait for a job to finish without polling: every terminal transition publishes the job id on the
 * done channel, and one subscription per process completes the matching futures.
 */
public final class CompletionWaiter implements AutoCloseable {
    private final ConcurrentHashMap<String, List<CompletableFuture<String>>> waiting = new ConcurrentHashMap<>();
    private final RTopic topic;
    private final int listenerId;

    public CompletionWaiter(RedissonClient redis, Keys keys) {
        this.topic = redis.getTopic(keys.doneChannel(), StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, id) -> {
            List<CompletableFuture<String>> futures = waiting.remove(id);
            if (futures != null) futures.forEach(f -> f.complete(id));
        });
    }

    /** Register before reading the job's state, so a completion between the two is not missed. */
    public CompletableFuture<String> register(String id) {
        CompletableFuture<String> f = new CompletableFuture<>();
        waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    public void unregister(String id, CompletableFuture<String> f) {
        waiting.computeIfPresent(id, (k, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
    }

    public int waiting() {
        return waiting.size();
    }

    @Override
    public void close() {
        topic.removeListener(listenerId);
    }
}
