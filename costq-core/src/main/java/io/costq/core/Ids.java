package io.costq.core;

import java.security.SecureRandom;

/**
 * Job ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32), so ids sort by
 * creation and never contain a key separator. Monotonic within a millisecond.
 * <p>With more than one partition, characters 11 and 12 (the top 10 random bits) carry the job's partition
 * (0..1023, two base32 digits), so any API instance finds a job's keys from its id alone; the id is still a valid
 * ULID, monotonic within a millisecond and partition, with 70 random bits. With one partition ids are unchanged.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final int PARTITION_AT = 10;

    private long lastMs = -1;
    private long randHi; // 16 bits
    private long randLo; // 64 bits

    public String next(long nowMs) {
        return next(nowMs, 0, 1);
    }

    /** A new id of a job of {@code partition} (of {@code partitions}); with one partition, exactly {@link #next(long)}. */
    public synchronized String next(long nowMs, int partition, int partitions) {
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
        if (partitions > 1) {
            out[PARTITION_AT] = ALPHABET[(partition >> 5) & 31];
            out[PARTITION_AT + 1] = ALPHABET[partition & 31];
        }
        return new String(out);
    }

    /**
     * The partition a valid id names, under a layout of {@code partitions}; -1 when it names none of them (an id of
     * another layout, or made up), so callers answer "not found" without touching Redis.
     */
    public static int partitionOf(String id, int partitions) {
        if (partitions == 1) return 0;
        int p = (digit(id.charAt(PARTITION_AT)) << 5) | digit(id.charAt(PARTITION_AT + 1));
        return p < partitions ? p : -1;
    }

    private static int digit(char c) {
        for (int i = 0; i < ALPHABET.length; i++) if (ALPHABET[i] == c) return i;
        throw new IllegalArgumentException("not a base32 digit: " + c);
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
