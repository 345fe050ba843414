package io.costq.core.worker;

import io.costq.core.CostqSettings;
import io.costq.core.job.ClaimedJob;
import io.costq.core.store.Claim;
import io.costq.core.store.JobStore;
import io.costq.core.store.Keys;
import io.costq.core.store.NodeDirectory;
import io.costq.core.store.Notices;
import io.costq.core.store.PartitionQueues;
import io.costq.core.store.RequeueExpired;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.model.CostqPickPolicy;
import io.costq.model.Decision;
import io.costq.model.NodeSnapshot;
import io.costq.model.NodeSpeed;
import io.costq.model.PickPolicy;
import io.costq.model.QueueSnapshot;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node: pulls when the {@link PickPolicy} says it has room, claims under a lease with a fencing token,
 * runs handlers on its own threads, renews leases, reaps expired ones, and publishes its state every heartbeat.
 * {@link #pollOnce()}, {@link #reapOnce()}, {@link #renewOnce()} and {@link #heartbeatOnce()} let tests step it.
 * All of its Redis work goes through its {@link JobStore}.
 * <p>With several partitions the node keeps one queue snapshot per partition, lets the policy decide on their
 * merged view (summed depths, oldest heads) and claims from the partition holding the chosen class's oldest
 * head; a partition that cannot be reached (its shard failing over) is left out of decisions until it answers.
 */
public final class WorkerEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerEngine.class);

    private volatile CostqSettings settings;
    private final WorkerSettings node;
    private final CpuSampler cpu;
    private final Clock clock;
    private volatile PickPolicy policy;
    private final PullGate gate = new PullGate();
    private final WorkerListener listener;
    private final JobStore store;
    private final Heartbeat heartbeat;
    private final Notices notices;
    private final Reaper reaper;
    private final LeaseKeeper leases;
    private final JobRunner runner;
    /** The job types this node handles (sorted): it claims, and is told about, only their queues; it advertises them. */
    private final List<String> types;
    private final CompletionBatcher batcher;
    private AutoCloseable wakeSubscription, cancelSubscription;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final ExecutorService handlers;
    private final ScheduledExecutorService leaseThread;
    private final ScheduledExecutorService timers;
    /** Self-fencing stops and run timeouts only: never blocked behind a Redis call of the reaper or heartbeat. */
    private final ScheduledExecutorService fences;
    private final PullSignal signal = new PullSignal();
    private volatile boolean accepting;
    private volatile Thread loop;
    private long lastWait; // owned by the loop thread, like the queue views
    private boolean waiting; // the last decision was to wait
    /** What this node knows of the class queues (owned by the loop thread). */
    private final QueueViews views;
    /** The class the last wake-up named, -1 when none (set by the wake listener, taken by the loop). */
    private volatile int wokenFor = -1;
    /** The policy's inputs beyond the CPU reading: this node's task count as the lagging meter saw it, its speed. */
    private final MeterTasks meterTasks;
    private final NodeSpeed speed = new NodeSpeed();

    public WorkerEngine(RedissonClient redis, CostqSettings settings, WorkerSettings node, JobTypes types,
                        CpuSampler cpu, Clock clock, WorkerListener listener) {
        this.settings = settings;
        this.node = node;
        this.cpu = cpu;
        this.clock = clock;
        this.policy = new CostqPickPolicy(settings.policy());
        this.meterTasks = new MeterTasks(cpu.lagMs(), clock);
        // a successful run's time against its estimate teaches the node its speed relative to the fleet
        this.listener = WorkerListener.both(listener, new WorkerListener() {
            @Override
            public void finished(ClaimedJob job, String outcome, long runMs) {
                if (outcome.equals("succeeded")) speed.record(job.estimateMs(), runMs);
            }
        });
        this.store = new JobStore(redis, settings);
        Keys global = store.partitions().global();
        this.notices = new Notices(redis, global);
        this.views = new QueueViews(store.partitions().count());
        this.reaper = new Reaper(store);
        this.handlers = HandlerQueue.pool(node.maxTasks(), Threads.named("costq-job-" + node.nodeId(), Thread.NORM_PRIORITY));
        this.leaseThread = Executors.newSingleThreadScheduledExecutor(Threads.named("costq-lease-" + node.nodeId(), Thread.MAX_PRIORITY));
        this.timers = Executors.newScheduledThreadPool(2, Threads.named("costq-timer-" + node.nodeId(), Thread.NORM_PRIORITY + 1));
        this.fences = Executors.newSingleThreadScheduledExecutor(Threads.named("costq-fence-" + node.nodeId(), Thread.MAX_PRIORITY));
        this.leases = new LeaseKeeper(store, clock, settings.lease().leaseMs(), listener);
        this.batcher = new CompletionBatcher(store, clock, 64, "costq-complete-" + node.nodeId());
        this.types = List.copyOf(new java.util.TreeSet<>(types.names()));
        if (this.types.isEmpty()) throw new IllegalArgumentException("a worker needs at least one job type to handle");
        this.heartbeat = new Heartbeat(new NodeDirectory(redis, global), node, this.types);
        this.runner = new JobRunner(types, batcher, store, new Backoff(settings.retry(), node.nodeId().hashCode()), clock, this.listener);
        // armed at once, so that even a node driven by hand (never started) fences itself and enforces timeouts
        RunWatch watch = new RunWatch(running, clock, listener, () -> this.settings.lease().leaseMs());
        Threads.every(fences, watch, watch::everyMs);
    }

    /** Starts the pull loop and the lease, reaper and heartbeat timers. */
    public synchronized void start() {
        if (accepting) return;
        accepting = true;
        store.channels().putStartUp(settings.delivery().channels().values()); // unless a config version's are stored
        reconcileQueues();
        wakeSubscription = notices.subscribe(Notices.Notice.WAKE, this::woken);
        // prompt cancellation; the lease renewal also reports cancel requests, in case a message is missed
        cancelSubscription = notices.subscribe(Notices.Notice.CANCEL, id -> {
            RunningJob r = running.get(id);
            if (r != null) r.stop(RunningJob.Stop.CANCELLED);
        });
        // re-armed after every run, so live changes of the periods take effect at once
        Threads.every(leaseThread, this::renewOnce, () -> settings.lease().renewEveryMs());
        Threads.every(timers, Threads.guard(this::reapOnce), () -> settings.lease().reapEveryMs());
        timers.scheduleWithFixedDelay(Threads.guard(this::heartbeatOnce), 0, node.heartbeatMs(), TimeUnit.MILLISECONDS);
        loop = new Thread(this::pullLoop, "costq-pull-" + node.nodeId());
        loop.start();
        LOG.info("worker started: {}; {}", node.describe(), settings.policy().describe());
    }

    /**
     * Applies new settings live: the pick policy, lease length and periods, retries and retention (the key prefix
     * cannot change). Running jobs keep their leases; renewals use the new length from the next round.
     */
    public synchronized void apply(CostqSettings next) {
        store.apply(next);
        this.policy = new CostqPickPolicy(next.policy());
        leases.setLeaseMs(next.lease().leaseMs());
        runner.setBackoff(new Backoff(next.retry(), node.nodeId().hashCode()));
        this.settings = next;
        reconcileQueues(); // a lowered class count: the queues above it drain into the last class now
        signal.signal();
        LOG.info("worker {} applied new settings: {}", node.nodeId(), next.policy().describe());
    }

    public CostqSettings settings() {
        return settings;
    }

    public String nodeId() {
        return node.nodeId();
    }

    public int runningCount() {
        return running.size();
    }

    /** One decision: claims the jobs of one class the policy would take now. Returns how many were claimed. */
    public int pollOnce() {
        long now = clock.millis();
        if (gate.draining()) return idle(settings.policy().idleWaitMs()); // its runs finish; it takes no more
        int woken = wokenFor;
        wokenFor = -1;
        if (woken >= 0) {
            int claimed = claimOnWake(woken, now);
            if (claimed >= 0) return claimed;
        }
        views.readMissing(now, p -> store.lookAtQueues(p, now, types));
        List<QueueSnapshot> seen = views.all();
        QueueSnapshot queues = gate.open(views.merged(settings.classes())); // paused classes look empty
        Decision d = policy.pick(nodeSnapshot(now), queues, now);
        if (!(d instanceof Decision.Take take)) {
            // a node full of runs waits for one to end and decides on the same view then (a claim refreshes it every
            // 20 ms or 16 claims); an idle node, or one that saw no work, reads the queues afresh after its wait
            if (running.isEmpty() || queues.isEmpty()) views.forget();
            lastWait = ((Decision.Wait) d).maxWaitMs();
            waiting = true;
            return 0;
        }
        int k = take.costClass();
        int p = seen.size() == 1 ? 0 : PartitionQueues.oldestHead(seen, k);
        int n = policy.batch(nodeSnapshot(now), queues, k, node.claimBatch(), now);
        if (seen.size() > 1) n = (int) Math.max(1, Math.min(n, views.of(p).classes().get(k).depth()));
        QueueSnapshot before = views.of(p);
        JobStore.Claimed out;
        try {
            out = store.claim(p, new Claim(k, n, node.nodeId(), now, settings.lease().leaseMs(), views.reportDue(p, now), types));
        } catch (RuntimeException e) {
            views.forget(); // read again
            throw e;
        }
        views.claimed(p, now, before, k, n, out);
        return launchAll(out, now);
    }

    /** Starts what a claim brought; the node is busy again. Returns how many. */
    private int launchAll(JobStore.Claimed out, long now) {
        if (out.jobs().isEmpty()) listener.claimRaceLost();
        for (ClaimedJob job : out.jobs()) {
            try {
                launch(job, now);
            } catch (RuntimeException e) { // stopping: the others still get their chance; this one has its lease
                LOG.warn("could not start job {}: {}", job.id(), e.toString());
            }
        }
        lastWait = 0;
        waiting = false;
        return out.jobs().size();
    }

    /**
     * A wake-up names the class whose queue turned non-empty. A node that holds no queue state (it waited) asks the
     * policy about that class alone — depth 1, its head just queued and of unknown length, taken as an hour, so only
     * a node with room takes it, never as a small fill-in — and on a yes claims it in the same call that reads the
     * queues again: one round trip less between a submit and its start. Returns -1 to decide the usual way.
     */
    private int claimOnWake(int k, long now) {
        if (!views.noneHeld() || k >= settings.classes() || !gate.allows(k)) return -1;
        QueueSnapshot onlyHead = Wakeups.onlyHead(k, settings.classes(), now);
        if (!(policy.pick(nodeSnapshot(now), onlyHead, now) instanceof Decision.Take t) || t.costClass() != k) return -1;
        JobStore.Claimed out = store.claim(0, new Claim(k, 1, node.nodeId(), now, settings.lease().leaseMs(), true, types));
        views.reported(0, now, out.queues());
        return launchAll(out, now);
    }

    /**
     * A wake-up message arrived (from the wake channel's listener; tests call it directly): {@code class:type} when a
     * queue turned non-empty — ignored unless this node handles the type — or a word (requeued or retried jobs).
     */
    public void woken(String msg) {
        int k = Wakeups.classOf(msg, types);
        if (k == Wakeups.NOT_OURS) return; // another type's workers take it
        wokenFor = k;
        signal.signal();
    }

    /** The class a wake-up message's class part names, or -1 (other wake-ups: requeued or retried jobs). */
    public static int wakeClass(String msg) {
        return Wakeups.wakeClass(msg);
    }

    /** The job types this node handles and advertises, sorted. */
    public List<String> types() {
        return types;
    }

    public void renewOnce() {
        try {
            leases.renew(running.values());
        } catch (RuntimeException e) {
            LOG.warn("lease renewal round failed", e);
        }
    }

    public RequeueExpired.Outcome reapOnce() {
        RequeueExpired.Outcome o = reaper.reapOnce(clock.millis(), 100);
        if (o.requeued() + o.dead() > 0) LOG.info("reaper: {} requeued, {} dead after lease expiry", o.requeued(), o.dead());
        return o;
    }

    /** One heartbeat; one at a time, so a drain flag read by a later heartbeat is never overwritten by an earlier one. */
    public synchronized void heartbeatOnce() {
        long now = clock.millis();
        NodeSnapshot snap = nodeSnapshot(now);
        if (gate.drain(heartbeat.advertise(snap, now))) signal.signal();
        heartbeat.after(snap);
    }

    /** Paused classes and this node's drain: what the operator holds it back from. */
    public PullGate gate() {
        return gate;
    }

    private int idle(long waitMs) {
        lastWait = waitMs;
        waiting = true;
        return 0;
    }

    /** Sets the hook run after each heartbeat (one at a time: a later call replaces it). */
    public void afterHeartbeat(java.util.function.Consumer<NodeSnapshot> hook) {
        heartbeat.setAfter(hook);
    }

    /** What each heartbeat says of the live config this node runs (a later call replaces it). */
    public void reportConfig(java.util.function.Supplier<io.costq.core.config.ConfigReport> report) {
        heartbeat.setConfig(report);
    }

    /** Runs whose handler is still running (a finishing run, its end being recorded, holds neither core nor thread). */
    public NodeSnapshot nodeSnapshot(long now) {
        List<RunningTask> tasks = new ArrayList<>(running.size());
        for (RunningJob r : running.values()) {
            if (!r.finishing) tasks.add(new RunningTask(r.job.estimateMs(), Math.max(0, now - r.startedMs)));
        }
        return new NodeSnapshot(cpu.cpuLoad(), node.cores(), node.maxTasks(), tasks, speed.relative(), meterTasks.value(now));
    }

    /** Stops pulling and lets running tasks finish within the grace period, still renewing their leases. */
    @Override
    public void close() {
        stopPulling();
        long deadline = System.currentTimeMillis() + node.graceMs();
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) Threads.sleepQuietly(20);
        for (RunningJob r : running.values()) r.stop(RunningJob.Stop.SHUTDOWN);
        batcher.close(5_000);
        shutdownThreads();
        LOG.info("worker {} stopped ({} tasks left to their leases)", node.nodeId(), running.size());
    }

    /** Test hook: dies like {@code kill -9}: no completion, no renewal, nothing cleaned up. */
    public void crash() {
        stopPulling(); // first, so that nothing is claimed after the runs are stopped
        for (RunningJob r : running.values()) r.stop(RunningJob.Stop.LEASE_LOST);
        batcher.abort();
        shutdownThreads();
    }

    private void stopPulling() {
        accepting = false;
        for (AutoCloseable s : new AutoCloseable[] {wakeSubscription, cancelSubscription}) {
            try {
                if (s != null) s.close();
            } catch (Exception e) {
                LOG.debug("could not unsubscribe: {}", e.toString());
            }
        }
        signal.signal();
        Thread t = loop;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void shutdownThreads() {
        for (ExecutorService e : List.of(timers, fences, leaseThread, handlers)) e.shutdownNow();
    }

    private void pullLoop() {
        long failures = 0;
        while (accepting) {
            try {
                int claimed = pollOnce();
                failures = 0;
                if (claimed == 0 && waiting) awaitSignal(Math.max(1, lastWait));
            } catch (RuntimeException e) {
                views.forget();
                long backoff = Math.min(2_000, 50L << Math.min(failures++, 6));
                if (failures <= 3 || failures % 50 == 0) LOG.warn("pull failed ({}); retrying in {} ms", e.toString(), backoff);
                awaitSignal(backoff);
            }
        }
    }

    /** Queued jobs go where this node's settings look (class count, channels); a failure is retried by the reaper. */
    private void reconcileQueues() {
        for (int p = 0; p < store.partitions().count(); p++) {
            try {
                store.reconcileQueues(p);
            } catch (RuntimeException e) {
                LOG.debug("could not reconcile the queues of partition {}: {}", p, e.toString());
            }
        }
    }

    private void launch(ClaimedJob job, long now) {
        RunningJob r = new RunningJob(job, now, settings.lease().leaseMs());
        running.put(job.id(), r);
        meterTasks.started();
        try {
            listener.claimed(job, Math.max(0, now - job.queuedAtMs()));
        } catch (RuntimeException e) { // the application's listener: its failure must not strand a claimed run
            LOG.warn("listener failed on claimed job {}: {}", job.id(), e.toString());
        }
        // a run longer than a fill-in held a core the gate counted: look again as soon as it returns, a round trip
        // before its end is recorded; a tiny one's end wakes the loop when recorded, so that claims stay batched
        boolean heldCore = job.estimateMs() > settings.policy().fillInMaxMs();
        handlers.execute(() -> runner.run(r, () -> {
            meterTasks.returned();
            if (heldCore) signal.signal();
        }, () -> {
            running.remove(job.id(), r); // only this run: the same job may have been claimed again meanwhile
            signal.signal();
        }));
    }

    private void awaitSignal(long ms) {
        if (!signal.await(ms, accepting)) accepting = false;
    }
}
