package io.costq.core.route;

import io.costq.core.InvalidInputException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Session ids: {@code <pool>~<26 random base32 characters>}. The pool in the id lets renew and release find the
 * pool's keys from the id alone; the random part comes from {@link SecureRandom} (not a seeded stream) because
 * holding an id is what lets a caller renew or end that session.
 */
public final class SessionIds {
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern ID = Pattern.compile("([A-Za-z0-9._-]{1,64})~[0-9a-z]{26}");
    private final SecureRandom random = new SecureRandom();

    public String next(String pool) {
        byte[] bytes = new byte[17];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(pool.length() + 27).append(pool).append('~');
        for (int i = 0; i < 26; i++) id.append(BASE32[bits(bytes, i * 5)]);
        return id.toString();
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
