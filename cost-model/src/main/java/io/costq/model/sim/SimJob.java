package io.costq.model.sim;

/** A job inside the simulation: its trace line, the tags given at arrival, and where it is in its run. */
final class SimJob {
    final long id;
    final TraceJob trace;
    /** The estimate the dispatcher gave it at arrival (the oracle's is the true cost). */
    long estimateMs;
    int costClass;
    /** Taken from its queue (a queue holding a job in two heaps drops it from the other lazily). */
    boolean queuedOut;
    double startedMs = Double.NaN;
    SimNode node;
    /** 0 = first CPU phase, 1 = downstream wait, 2 = second CPU phase. */
    int phase;
    /** End of the downstream wait (simulation ms); CPU phases end in the node's {@link ProcessorSharing}. */
    double phaseEnd;
    /** Index in its node's running list, for O(1) removal. */
    int slot = -1;

    SimJob(long id, TraceJob trace) {
        this.id = id;
        this.trace = trace;
    }
}
