package io.costq;

import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.CpuSampler;
import io.costq.core.worker.SystemCpuSampler;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import java.util.Collection;
import java.util.UUID;

/**
 * A worker of one {@link Costq}: register handlers, then {@link #start()}. It advertises the types it handles and
 * claims only jobs of those types, from every cost class; stopping it ({@link #close()}) lets its runs finish within
 * the grace period. Set up before starting; the handlers cannot change while it runs.
 */
public final class CostqWorker implements AutoCloseable {
    private final Costq costq;
    private final JobTypes types = new JobTypes();
    private String nodeId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private int maxTasks = Math.max(2, Runtime.getRuntime().availableProcessors());
    private WorkerSettings settings;
    private CpuSampler cpu = new SystemCpuSampler(0.5, 250);
    private WorkerListener listener = WorkerListener.NONE;
    private volatile WorkerEngine engine;

    CostqWorker(Costq costq) {
        this.costq = costq;
    }

    /** Runs jobs of {@code type}: their payload read as {@code inputType}, the handler's result stored as JSON. */
    public <I, O> CostqWorker handle(String type, Class<I> inputType, JobHandler<I, O> handler) {
        return handle(type, inputType, handler, null);
    }

    /** As {@link #handle(String, Class, JobHandler)}, with a payload check that also runs on this costq's submits. */
    public <I, O> CostqWorker handle(String type, Class<I> inputType, JobHandler<I, O> handler, PayloadValidator<I> validator) {
        TypedJobType<I, O> t = new TypedJobType<>(type, inputType, handler, validator, costq.json());
        if (validator != null) costq.validators().register(t);
        return handle(t);
    }

    /** Runs jobs of a type written against the engine's SPI (the built-ins: noop, sleep, cpu, http). */
    public CostqWorker handle(JobType type) {
        requireNotStarted();
        io.costq.core.types.TypeGate.requireName(type.name());
        types.register(type);
        return this;
    }

    /** This worker's id in the node directory (default: a random one). */
    public CostqWorker nodeId(String nodeId) {
        requireNotStarted();
        this.nodeId = nodeId;
        return this;
    }

    /** The most jobs it runs at once (default: the processor count, at least 2). */
    public CostqWorker maxTasks(int maxTasks) {
        requireNotStarted();
        this.maxTasks = maxTasks;
        return this;
    }

    /** Every node setting at once (replaces {@link #nodeId} and {@link #maxTasks}). */
    public CostqWorker settings(WorkerSettings settings) {
        requireNotStarted();
        this.settings = settings;
        return this;
    }

    /** Where the pick policy reads the CPU load (default: the machine's, smoothed). */
    public CostqWorker cpu(CpuSampler cpu) {
        requireNotStarted();
        this.cpu = cpu;
        return this;
    }

    /** Hears of claims and run ends (metrics). */
    public CostqWorker listener(WorkerListener listener) {
        requireNotStarted();
        this.listener = listener;
        return this;
    }

    /** The types this worker handles (and advertises). */
    public Collection<String> types() {
        return types.names();
    }

    /** Starts pulling. */
    public synchronized CostqWorker start() {
        requireNotStarted();
        if (types.names().isEmpty()) throw new IllegalStateException("a worker needs at least one handler");
        WorkerSettings s = settings != null ? settings : WorkerSettings.of(nodeId, maxTasks);
        engine = new WorkerEngine(costq.redis(), costq.settings(), s, types, cpu, Clock.SYSTEM, listener);
        engine.start();
        costq.started(this);
        return this;
    }

    /** The engine, once started (for stepping in tests and live config); null before. */
    public WorkerEngine engine() {
        return engine;
    }

    /** Stops pulling; running jobs finish within the grace period (else they are left to their leases). */
    @Override
    public synchronized void close() {
        WorkerEngine e = engine;
        if (e != null) e.close();
        costq.stopped(this);
    }

    private void requireNotStarted() {
        if (engine != null) throw new IllegalStateException("the worker has started: set it up before start()");
    }
}
