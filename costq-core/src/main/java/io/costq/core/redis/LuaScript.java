package io.costq.core.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One Lua file under {@code resources/lua/}, called by its SHA1. When Redis lost its script cache (a restart),
 * the first call answers NOSCRIPT and is repeated once with the source, which loads the script again.
 */
public final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code /lua/<name>.lua}; a line {@code --@include lib/x} is replaced by {@code /lua/lib/x.lua}. */
    public static LuaScript load(String name) {
        String text = read(name);
        StringBuilder source = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--@include ")) {
                source.append(read(line.substring("--@include ".length()).trim())).append('\n');
            } else {
                source.append(line).append('\n');
            }
        }
        return new LuaScript(name, source.toString());
    }

    private static String read(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + name + ".lua")) {
            if (in == null) throw new IllegalStateException("missing Lua script " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Lua script " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public String sha() {
        return sha;
    }

    /** Calls the script; keys.get(0) routes the call (all keys share one hash tag). */
    public <R> R call(RedissonClient redis, RScript.ReturnType type, List<Object> keys, Object... args) {
        RScript script = redis.getScript(ScriptCodec.INSTANCE);
        String route = (String) keys.get(0);
        List<Object> wire = wire(keys);
        try {
            return script.evalSha(route, RScript.Mode.READ_WRITE, sha, type, wire, args);
        } catch (RuntimeException e) {
            if (!isNoScript(e)) throw e;
            return script.eval(route, RScript.Mode.READ_WRITE, source, type, wire, args);
        }
    }

    /** Adds a call to a pipeline; call {@link #ensureLoaded} once before pipelining. */
    public <R> RFuture<R> callAsync(RBatch batch, RScript.ReturnType type, List<Object> keys, Object... args) {
        return batch.getScript(ScriptCodec.INSTANCE).evalShaAsync((String) keys.get(0), RScript.Mode.READ_WRITE, sha,
                type, wire(keys), args);
    }

    /** Keys as bytes: Redisson would copy each String key through a pooled buffer (see {@link ScriptCodec}). */
    private static List<Object> wire(List<Object> keys) {
        Object[] out = new Object[keys.size()];
        for (int i = 0; i < out.length; i++) out[i] = ScriptCodec.bytes(keys.get(i));
        return java.util.Arrays.asList(out);
    }

    public void ensureLoaded(RedissonClient redis, String routingKey) {
        RScript script = redis.getScript(StringCodec.INSTANCE);
        script.scriptLoad(source);
    }

    /** {@link #ensureLoaded} without blocking: for callers on an I/O thread. */
    public RFuture<String> ensureLoadedAsync(RedissonClient redis) {
        return redis.getScript(StringCodec.INSTANCE).scriptLoadAsync(source);
    }

    public static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) return true;
        }
        return false;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + sha.substring(0, 8);
    }
}
