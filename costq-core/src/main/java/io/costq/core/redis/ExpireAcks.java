package io.costq.core.redis;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code expireAcks.lua}: jobs whose ack did not come in time count as sent; their keys move on. */
public final class ExpireAcks {
    private static final LuaScript SCRIPT = LuaScript.load("expireAcks");

    private final RedissonClient redis;
    private final Keys keys;

    public ExpireAcks(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public long run(long nowMs, int limit, long retentionMs) {
        return SCRIPT.<Long>call(redis, RScript.ReturnType.LONG, List.of(keys.acks()), keys.jobPrefix(),
                String.valueOf(nowMs), String.valueOf(limit), String.valueOf(retentionMs), keys.doneChannel());
    }
}
