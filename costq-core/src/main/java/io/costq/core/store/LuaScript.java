package io.costq.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * One Lua file under {@code resources/lua/}, called by its SHA1 ({@link ScriptExecutor}). A line
 * {@code --@include lib/x} is replaced by {@code lua/lib/x.lua} (itself expanded, each library once per script).
 */
public final class LuaScript {
    private static final String INCLUDE = "--@include ";

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    public static LuaScript load(String name) {
        return of(name, read(name));
    }

    /** A script of this text (its includes expanded), for a test. */
    static LuaScript of(String name, String text) {
        StringBuilder source = new StringBuilder();
        expand(text, source, new HashSet<>());
        return new LuaScript(name, source.toString());
    }

    private static void expand(String text, StringBuilder out, Set<String> included) {
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(INCLUDE)) {
                String lib = line.substring(INCLUDE.length()).trim();
                if (included.add(lib)) expand(read(lib), out, included);
            } else {
                out.append(line).append('\n');
            }
        }
    }

    /** The text of {@code lua/<name>.lua} as it is in the resources (includes not expanded). */
    static String read(String name) {
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

    String source() {
        return source;
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
