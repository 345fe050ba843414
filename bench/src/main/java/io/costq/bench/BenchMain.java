package io.costq.bench;

/** Placeholder entry point; the benchmark itself is being written. */
public final class BenchMain {
    public static void main(String[] args) {
        System.out.println("costq bench: not written yet");
    }
}
