package io.costq.core.route;

import io.costq.core.InvalidInputException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Session ids: {@code <pool>~<26 base32 characters>}: 20 random, then 6 that tie the session to the API key that
 * opened it (a hash of the key's name and the random part, {@link #heldBy}). The pool in the id lets renew and release
 * find the pool's keys from the id alone; the random part comes from {@link SecureRandom} (not a seeded stream)
 * because holding an id is what lets a caller renew or end that session; the tie lets the API refuse a session id
 * another key opened, with no state to keep.
 */
public final class SessionIds {
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern ID = Pattern.compile("([A-Za-z0-9._-]{1,64})~[0-9a-z]{26}");
    private final SecureRandom random = new SecureRandom();

    /** A new session id of the pool, opened without a key (the Java SDK, loopback dev mode). */
    public String next(String pool) {
        return next(pool, null);
    }

    /** A new session id of the pool, tied to the key named {@code owner} (null: none). */
    public String next(String pool, String owner) {
        byte[] bytes = new byte[13];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(pool.length() + 27).append(pool).append('~');
        for (int i = 0; i < 20; i++) id.append(BASE32[bits(bytes, i * 5)]);
        return id.append(tie(id.substring(id.length() - 20), owner)).toString();
    }

    /** Whether the (valid) session id was opened by the key named {@code owner} (null: without a key). */
    public static boolean heldBy(String session, String owner) {
        poolOf(session); // 400 naming session when it is not a session id
        String part = session.substring(session.length() - 26);
        return tie(part.substring(0, 20), owner).equals(part.substring(20));
    }

    private static String tie(String random, String owner) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((random + "\n" + (owner == null ? "" : owner)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder(6);
            for (int i = 0; i < 6; i++) out.append(BASE32[bits(h, i * 5)]);
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool a session id names; 400 naming {@code session} when it is not a session id. */
    public static String poolOf(String session) {
        var m = session == null ? null : ID.matcher(session);
        if (m == null || !m.matches()) throw new InvalidInputException("session", "not a session id (pool~26 characters)");
        return m.group(1);
    }

    private static int bits(byte[] b, int from) {
        int v = 0;
        for (int i = from; i < from + 5; i++) v = (v << 1) | ((b[i >> 3] >> (7 - (i & 7))) & 1);
        return v;
    }
}
