package io.costq.core;

import java.security.SecureRandom;

/**
 * Job ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32), so ids sort by
 * creation and never contain a key separator. Monotonic within a millisecond.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom SEEDS = new SecureRandom();

    private long lastMs = -1;
    private long randHi; // 16 bits
    private long randLo; // 64 bits

    public synchronized String next(long nowMs) {
        if (nowMs == lastMs) {
            if (++randLo == 0) randHi = (randHi + 1) & 0xffff;
        } else {
            lastMs = nowMs;
            randHi = SEEDS.nextInt() & 0xffff;
            randLo = SEEDS.nextLong() & 0x7fffffffffffffffL; // headroom for increments
        }
        char[] out = new char[26];
        long time = nowMs;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits = hi(16) + lo(64) -> 16 chars
        long lo = randLo;
        long hi = randHi;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    /** True when the text has the shape of a job id (used before any id from a URL touches a key). */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 26) return false;
        for (int i = 0; i < 26; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
            if (!ok) return false;
        }
        return true;
    }
}
