package io.costq.core.store;

import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The scheduler's Pub/Sub notices (one set for all partitions): what the scripts publish, for listeners. */
public final class Notices {
    /** DONE: a job ended (its id; awaited jobs only on completion). WAKE: a queue has work (a class, or why). CANCEL: stop a run (its id). */
    public enum Notice { DONE, WAKE, CANCEL }

    private final RedissonClient redis;
    private final Keys keys;

    public Notices(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Calls the listener with each message (on a Redisson thread) until the returned handle is closed. */
    public AutoCloseable subscribe(Notice notice, Consumer<String> listener) {
        String channel = switch (notice) {
            case DONE -> keys.doneChannel();
            case WAKE -> keys.wakeChannel();
            case CANCEL -> keys.cancelChannel();
        };
        RTopic topic = redis.getTopic(channel, StringCodec.INSTANCE);
        int id = topic.addListener(String.class, (ch, message) -> listener.accept(message));
        return () -> topic.removeListener(id);
    }
}
