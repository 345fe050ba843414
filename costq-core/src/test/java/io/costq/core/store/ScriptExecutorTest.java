package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.costq.core.ClusterSettings;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/** One executor for every script call: reloads after NOSCRIPT (resending only refused calls), isolates errors, waits for replicas. */
class ScriptExecutorTest extends StoreTest {
    private final ScriptExecutor scripts = new ScriptExecutor(redis);

    @Test
    void scriptsSurviveARedisScriptCacheFlush() {
        jobs.job().user("frank").queued();
        redis.getScript(StringCodec.INSTANCE).scriptFlush();
        jobs.job().user("frank").queued(); // NOSCRIPT -> loaded and sent again, transparently
        assertThat(store.queues().classes().get(JobFixture.PRIOR_CLASS).depth()).isEqualTo(2);
    }

    @Test
    void aBulkSubmitToARedisThatLostItsScriptsLoadsThemAndStoresEveryJobOnce() {
        redis.getScript(StringCodec.INSTANCE).scriptFlush(); // as after a restart or a failover to a fresh primary
        int n = SubmitJobs.MAX_PER_CALL + 20;
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) requests.add(SubmitRequest.of("u" + (i % 4), "noop", null));
        List<Submitted> submitted = client.submitAll(requests);

        assertThat(submitted).hasSize(n).allSatisfy(s -> assertThat(s.duplicate()).isFalse());
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).hasSize(n);
    }

    @Test
    void aPipelineOfScriptsTheExecutorHasNotSentLoadsThemFirstSoItsCallsRunInOrder() {
        LuaScript write = LuaScript.of("write-first", "return redis.call('INCR', KEYS[1])");
        LuaScript copy = LuaScript.of("copy-after", "local v = redis.call('GET', KEYS[1]) or '0'; redis.call('SET', KEYS[2], v); return tonumber(v)");
        redis.getScript(StringCodec.INSTANCE).scriptFlush();
        redis.getScript(StringCodec.INSTANCE).scriptLoad(copy.source()); // in Redis, but this executor has not sent it
        String a = keys.tag() + ":first", b = keys.tag() + ":copy";
        ScriptExecutor.Pipeline p = scripts.pipeline(Replicas.NONE);
        CompletableFuture<Long> written = p.add(ScriptCall.ofLong(write, List.of(a)));
        CompletableFuture<Long> copied = p.add(ScriptCall.ofLong(copy, List.of(a, b)));
        p.send();
        assertThat(written.join()).isEqualTo(1);
        assertThat(copied.join()).as("the second call ran after the first, whose script Redis lacked").isEqualTo(1);
    }

    @Test
    void onlyTheRefusedCallsOfAPipelineAreSentAgain() {
        LuaScript counter = LuaScript.of("counter", "return redis.call('INCR', KEYS[1])");
        LuaScript other = LuaScript.of("other", "return redis.call('INCRBY', KEYS[1], 1)");
        assertThat(scripts.call(ScriptCall.ofLong(other, List.of(keys.tag() + ":warm")))).isEqualTo(1); // the executor knows it
        redis.getScript(StringCodec.INSTANCE).scriptFlush(); // and Redis loses it (a restart, a failover)
        assertThat(scripts.call(ScriptCall.ofLong(counter, List.of(keys.tag() + ":a")))).isEqualTo(1); // loads counter only
        ScriptExecutor.Pipeline p = scripts.pipeline(Replicas.NONE);
        CompletableFuture<Long> a = p.add(ScriptCall.ofLong(counter, List.of(keys.tag() + ":a")));
        CompletableFuture<Long> b = p.add(ScriptCall.ofLong(other, List.of(keys.tag() + ":b")));
        p.send();
        assertThat(b.join()).as("refused, loaded, sent again").isEqualTo(1);
        assertThat(a.join()).isEqualTo(2);
        assertThat(scripts.call(ScriptCall.ofLong(counter, List.of(keys.tag() + ":a")))).as("the call that went through ran once")
                .isEqualTo(3);
    }

    @Test
    void aReadAfterARefusedWriteIsSentAgainSoItSeesTheWrite() {
        LuaScript write = LuaScript.of("write", "return redis.call('INCR', KEYS[1])");
        LuaScript read = LuaScript.of("read", "return tonumber(redis.call('GET', KEYS[1]) or '0')");
        assertThat(scripts.call(ScriptCall.ofLong(write, List.of(keys.tag() + ":warm")))).isEqualTo(1); // the executor knows it
        redis.getScript(StringCodec.INSTANCE).scriptFlush(); // and Redis loses it
        String key = keys.tag() + ":n";
        assertThat(scripts.call(ScriptCall.ofLong(read, List.of(key)).readingOnly())).isZero(); // loads the read only
        ScriptExecutor.Pipeline p = scripts.pipeline(Replicas.NONE);
        CompletableFuture<Long> written = p.add(ScriptCall.ofLong(write, List.of(key)));
        CompletableFuture<Long> seen = p.add(ScriptCall.ofLong(read, List.of(key)).readingOnly());
        p.send();
        assertThat(written.join()).isEqualTo(1);
        assertThat(seen.join()).as("the read ran again after the refused write").isEqualTo(1);
    }

    @Test
    void aFailingCallFailsOnlyItself() {
        LuaScript counter = LuaScript.of("counter", "return redis.call('INCR', KEYS[1])");
        redis.getMap(keys.tag() + ":h", StringCodec.INSTANCE).put("not", "a counter");
        ScriptExecutor.Pipeline p = scripts.pipeline(Replicas.NONE);
        CompletableFuture<Long> ok = p.add(ScriptCall.ofLong(counter, List.of(keys.tag() + ":c")));
        CompletableFuture<Long> wrong = p.add(ScriptCall.ofLong(counter, List.of(keys.tag() + ":h")));
        p.send();
        assertThat(ok.join()).isEqualTo(1);
        assertThat(catchThrowable(wrong::join)).hasCauseInstanceOf(RedisException.class).hasMessageContaining("WRONGTYPE");
    }

    @Test
    void aWriteThatNoReplicaConfirmsFailsAsNotReplicatedAndStaysOnThePrimary() {
        use(settings.withCluster(new ClusterSettings(1, 1, 50))); // a lone redis-server has no replica
        Throwable e = catchThrowable(() -> client.submit(SubmitRequest.of("u", "noop", null)));
        assertThat(e).isInstanceOf(NotReplicatedException.class);
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).hasSize(1);
    }
}
