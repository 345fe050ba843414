package io.costq.core.store;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.Encoder;

/**
 * Runs script calls by SHA, one or many pipelined in one round trip, and is the one place that (a) recovers from a
 * primary that lacks a script — restarted, failed over, or never used: it answers NOSCRIPT without running the
 * call, so the script is loaded and only the refused calls are sent once more — and (b) waits for replicas: with
 * {@link Replicas}, the pipeline ends with a Redis WAIT and a call whose write fewer replicas acknowledged in time
 * fails with {@link NotReplicatedException} (the write stays on the primary).
 * <p>A pipeline of several calls whose scripts this executor has not sent yet loads them first: NOSCRIPT recovery
 * re-sends only the refused calls, so a refused call would run after the writes that followed it (a claim before
 * the retries' promotion sent ahead of it). After a failover that lost the scripts this can still happen, once.
 * <p>Every call completes on its own: one call's error does not fail the others of its pipeline. When the pipeline
 * as a whole fails (a call's error does that in Redisson), its replica count is unknown, so with {@link Replicas}
 * its successful calls fail as not replicated too.
 */
public final class ScriptExecutor {
    private final RedissonClient redis;
    /** The scripts this executor has loaded or seen run (by SHA). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ScriptExecutor(RedissonClient redis) {
        this.redis = redis;
    }

    /** One call, waited for; its own error is thrown as Redisson threw it. */
    public <T> T call(ScriptCall<T> call) {
        return call(call, Replicas.NONE);
    }

    /** One call, waited for and answered only once {@code replicas} have its write (else {@link NotReplicatedException}). */
    public <T> T call(ScriptCall<T> call, Replicas replicas) {
        Pipeline p = pipeline(replicas);
        CompletableFuture<T> reply = p.add(call);
        p.send();
        return join(reply);
    }

    /** A pipeline to fill with {@link Pipeline#add} and {@link Pipeline#send} once. */
    public Pipeline pipeline(Replicas replicas) {
        return new Pipeline(replicas);
    }

    /** Calls sent together; each {@link #add} returns the future of that call's decoded reply. */
    public final class Pipeline {
        private final Replicas replicas;
        private final List<Pending<?>> calls = new ArrayList<>();

        private Pipeline(Replicas replicas) {
            this.replicas = replicas;
        }

        public <T> CompletableFuture<T> add(ScriptCall<T> call) {
            Pending<T> p = new Pending<>(call, new CompletableFuture<>());
            calls.add(p);
            return p.reply;
        }

        public boolean isEmpty() {
            return calls.isEmpty();
        }

        /** Sends the calls in one round trip; the futures complete as the replies arrive. */
        public void send() {
            if (calls.isEmpty()) return;
            List<Pending<?>> sent = List.copyOf(calls);
            Set<LuaScript> unknown = null; // made only when a script is new to this executor (not per send)
            for (int i = 0; sent.size() > 1 && i < sent.size(); i++) {
                LuaScript s = sent.get(i).call().script();
                if (known.contains(s.sha())) continue;
                if (unknown == null) unknown = new LinkedHashSet<>();
                unknown.add(s);
            }
            if (unknown == null) dispatch(sent, replicas, true);
            else loadThen(unknown, sent, replicas, true);
        }
    }

    private record Pending<T>(ScriptCall<T> call, CompletableFuture<T> reply) {
        void settle(Object value, Throwable error, int synced, Replicas replicas) {
            if (error != null) {
                reply.completeExceptionally(error);
            } else if (synced < replicas.count()) {
                reply.completeExceptionally(new NotReplicatedException(synced, replicas));
            } else {
                try {
                    reply.complete(call.decode().apply(value));
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            }
        }
    }

    private void dispatch(List<Pending<?>> calls, Replicas replicas, boolean mayReload) {
        try {
            if (calls.size() == 1 && replicas.count() == 0) {
                Pending<?> only = calls.get(0);
                evalSha(redis.getScript(ScriptCodec.INSTANCE), only.call()).whenComplete((value, error) ->
                        settle(calls, List.of(new Reply(value, error == null ? null : unwrap(error))), 0, replicas, mayReload));
                return;
            }
            RBatch batch = redis.createBatch(replicas.count() > 0
                    ? BatchOptions.defaults().sync(replicas.count(), java.time.Duration.ofMillis(replicas.timeoutMs()))
                    : BatchOptions.defaults());
            List<RFuture<Object>> replies = new ArrayList<>(calls.size());
            for (Pending<?> p : calls) replies.add(evalSha(batch.getScript(ScriptCodec.INSTANCE), p.call()));
            batch.executeAsync().whenComplete((result, batchError) -> {
                List<Reply> each = new ArrayList<>(replies.size());
                for (RFuture<Object> r : replies) each.add(Reply.of(r.toCompletableFuture(), batchError));
                settle(calls, each, synced(result), replicas, mayReload);
            });
        } catch (RuntimeException e) {
            for (Pending<?> p : calls) p.reply().completeExceptionally(e);
        }
    }

    /** A pipelined command's outcome: its value, else its own error, else the pipeline's. */
    private record Reply(Object value, Throwable error) {
        static Reply of(CompletableFuture<Object> f, Throwable batchError) {
            if (!f.isDone()) return new Reply(null, batchError != null ? batchError : new IllegalStateException("pipelined reply missing"));
            try {
                return new Reply(f.get(), null);
            } catch (ExecutionException e) {
                return new Reply(null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(null, e);
            }
        }
    }

    /**
     * Settles each call, or collects those refused for a missing script, loads it and sends them once more — with
     * the reads that followed the first refused call, so that a read still sees the writes sent before it.
     */
    private void settle(List<Pending<?>> calls, List<Reply> replies, int synced, Replicas replicas, boolean mayReload) {
        List<Pending<?>> refused = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Pending<?> p = calls.get(i);
            Throwable error = replies.get(i).error();
            boolean noScript = error != null && mayReload && isNoScript(error);
            if (noScript || !refused.isEmpty() && mayReload && p.call().readsOnly()) {
                refused.add(p);
            } else {
                if (error == null) known.add(p.call().script().sha());
                p.settle(replies.get(i).value(), error, synced, replicas);
            }
        }
        if (refused.isEmpty()) return;
        Set<LuaScript> missing = new LinkedHashSet<>();
        for (Pending<?> p : refused) missing.add(p.call().script());
        loadThen(missing, refused, replicas, false);
    }

    /** Loads the scripts (SCRIPT LOAD reaches every primary), then sends the calls. */
    private void loadThen(Set<LuaScript> scripts, List<Pending<?>> calls, Replicas replicas, boolean mayReload) {
        List<CompletableFuture<String>> loads = new ArrayList<>();
        RScript script = redis.getScript(StringCodec.INSTANCE);
        for (LuaScript s : scripts) loads.add(script.scriptLoadAsync(s.source()).toCompletableFuture());
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> {
            if (e != null) {
                calls.forEach(p -> p.reply().completeExceptionally(unwrap(e)));
            } else {
                scripts.forEach(s -> known.add(s.sha()));
                dispatch(calls, replicas, mayReload);
            }
        });
    }

    private static RFuture<Object> evalSha(org.redisson.api.RScriptAsync on, ScriptCall<?> call) {
        List<Object> keys = call.keys();
        Object[] wire = new Object[keys.size()];
        // keys as bytes: Redisson would copy each String key through a pooled buffer (see ScriptCodec)
        for (int i = 0; i < wire.length; i++) wire[i] = ScriptCodec.bytes(keys.get(i));
        return on.evalShaAsync((String) keys.get(0), RScript.Mode.READ_WRITE, call.script().sha(), call.type(),
                java.util.Arrays.asList(wire), call.args());
    }

    /**
     * {@link StringCodec} for script calls, with a cheaper encoder: an argument becomes a heap buffer wrapping its UTF-8
     * bytes instead of a pooled direct buffer that Redisson allocates, fills, copies into the command and frees again
     * (a bulk submit sends 1,100 arguments per call; the pooled path was about a fifth of the bench JVM's CPU).
     * Replies decode as with {@link StringCodec}.
     */
    private static final class ScriptCodec extends StringCodec {
        static final ScriptCodec INSTANCE = new ScriptCodec();
        private static final Encoder ENCODER = in -> Unpooled.wrappedBuffer(bytes(in));

        /** An argument's wire bytes: byte arrays as they are, anything else as the UTF-8 of its toString. */
        static byte[] bytes(Object in) {
            return in instanceof byte[] b ? b : in.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Encoder getValueEncoder() {
            return ENCODER;
        }
    }

    private static int synced(BatchResult<?> result) {
        return result == null ? 0 : result.getSyncedSlaves();
    }

    static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) return true;
        }
        return false;
    }

    /** The future's value; its failure rethrown as the exception Redisson (or the decoder) raised. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }
}
