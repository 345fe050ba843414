package io.costq.model;

/** How the runs in a user's history window are weighted, newest first. */
public enum WeightScheme {
    /** The seed's scheme: weights N, N-1, ... 1 for a window of N runs, newest heaviest. */
    LINEAR,
    /** Weight decay^i for the i-th newest run (i = 0 for the newest). */
    EXPONENTIAL,
    /** An operator-given list of weights, newest first; its length is the window. */
    EXPLICIT
}
