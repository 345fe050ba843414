package io.costq.model.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * One independent, seeded random stream per source of randomness (arrivals, user choice, user means, noise, a batch
 * flood's costs), so changing how one source is drawn never shifts another and every policy sees exactly the same
 * inputs.
 */
public final class RandomStreams {
    public enum Source { ARRIVALS, USER_CHOICE, USER_MEANS, NOISE, BATCH }

    private RandomStreams() {}

    public static RandomGenerator stream(long seed, Source source) {
        long a = splitMix(seed + 0x9E3779B97F4A7C15L * (source.ordinal() + 1));
        long b = splitMix(a);
        return new Well19937c(new int[] {(int) a, (int) (a >>> 32), (int) b, (int) (b >>> 32), source.ordinal()});
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
