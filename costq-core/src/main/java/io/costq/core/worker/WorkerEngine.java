package io.costq.core.worker;

import io.costq.core.CostqSettings;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.CompleteJobs;
import io.costq.core.redis.ExpireAcks;
import io.costq.core.redis.ExtendLeases;
import io.costq.core.redis.FailJob;
import io.costq.core.redis.Keys;
import io.costq.core.redis.PartitionQueues;
import io.costq.core.redis.Partitions;
import io.costq.core.redis.RecordHeartbeat;
import io.costq.core.redis.RequeueExpired;
import io.costq.core.types.JobTypes;
import io.costq.model.Clock;
import io.costq.model.CostqPickPolicy;
import io.costq.model.Decision;
import io.costq.model.NodeSnapshot;
import io.costq.model.PickPolicy;
import io.costq.model.QueueSnapshot;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node: pulls when the {@link PickPolicy} says it has room, claims under a lease with a fencing token,
 * runs handlers on its own threads, renews leases, reaps expired ones, and publishes its state every heartbeat.
 * {@link #pollOnce()}, {@link #reapOnce()}, {@link #renewOnce()} and {@link #heartbeatOnce()} let tests step it.
 * <p>With several partitions the node keeps one queue snapshot per partition, lets the policy decide on their
 * merged view (summed depths, oldest heads) and claims from the partition holding the chosen class's oldest
 * head. Renewals, completions and reaping go per partition, as a script touches one slot; a partition that
 * cannot be reached (its shard failing over) is left out of decisions until it answers again.
 */
public final class WorkerEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerEngine.class);

    private volatile CostqSettings settings;
    private final WorkerSettings node;
    private final CpuSampler cpu;
    private final Clock clock;
    private volatile PickPolicy policy;
    private final WorkerListener listener;
    private final Partitions partitions;
    private final List<ClaimJobs> claims;
    private final Reaper reaper;
    private final RecordHeartbeat heartbeat;
    private final LeaseKeeper leases;
    private final JobRunner runner;
    private final CompletionBatcher batcher;
    private final RTopic wake;
    private final RTopic cancels;
    private int cancelListener = -1;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final ExecutorService handlers;
    private final ScheduledExecutorService leaseThread;
    private final ScheduledExecutorService timers;
    /** Self-fencing stops and run timeouts only: never blocked behind a Redis call of the reaper or heartbeat. */
    private final ScheduledExecutorService fences;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean accepting;
    private volatile Thread loop;
    private long lastWait; // owned by the loop thread, like the queue views
    private boolean waiting; // the last decision was to wait
    private int wakeListener = -1;
    /** What this node knows of the class queues (owned by the loop thread). */
    private final QueueViews views;
    /** The estimate a woken node assumes for the head it was woken for (see {@link #claimOnWake}). */
    private static final long WAKE_HEAD_ESTIMATE_MS = 3_600_000;
    /** The class the last wake-up named, -1 when none (set by the wake listener, taken by the loop). */
    private volatile int wokenFor = -1;
    /** Hook: runs after each heartbeat with the state just published (e.g. the node's registration in its pool). */
    private volatile java.util.function.Consumer<NodeSnapshot> afterHeartbeat = snap -> { };

    public WorkerEngine(RedissonClient redis, CostqSettings settings, WorkerSettings node, JobTypes types,
                        CpuSampler cpu, Clock clock, WorkerListener listener) {
        this.settings = settings;
        this.node = node;
        this.cpu = cpu;
        this.clock = clock;
        this.policy = new CostqPickPolicy(settings.policy());
        this.listener = listener;
        this.partitions = new Partitions(settings.keyPrefix(), settings.partitions());
        Keys keys = partitions.global();
        this.claims = partitions.all().stream().map(k -> new ClaimJobs(redis, k, settings.jobs().retentionMs())).toList();
        this.views = new QueueViews(partitions.count());
        this.reaper = new Reaper(redis, settings);
        this.heartbeat = new RecordHeartbeat(redis, keys);
        this.handlers = Executors.newFixedThreadPool(node.maxTasks(), Threads.named("costq-job-" + node.nodeId(), Thread.NORM_PRIORITY));
        this.leaseThread = Executors.newSingleThreadScheduledExecutor(Threads.named("costq-lease-" + node.nodeId(), Thread.MAX_PRIORITY));
        this.timers = Executors.newScheduledThreadPool(2, Threads.named("costq-timer-" + node.nodeId(), Thread.NORM_PRIORITY + 1));
        this.fences = Executors.newSingleThreadScheduledExecutor(Threads.named("costq-fence-" + node.nodeId(), Thread.MAX_PRIORITY));
        this.leases = new LeaseKeeper(partitions.all().stream().map(k -> new ExtendLeases(redis, k)).toList(), partitions,
                clock, settings.lease().leaseMs(), listener);
        List<CompleteJobs> completes = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) completes.add(new CompleteJobs(redis, partitions, p));
        this.batcher = new CompletionBatcher(completes, partitions, clock, settings.estimator().window(),
                settings.jobs().retentionMs(), 64, "costq-complete-" + node.nodeId());
        this.runner = new JobRunner(settings, types, batcher, partitions.all().stream().map(k -> new FailJob(redis, k)).toList(),
                partitions,
                new Backoff(settings.retry(), node.nodeId().hashCode()), clock, listener);
        // armed at once, so that even a node driven by hand (never started) fences itself and enforces timeouts
        RunWatch watch = new RunWatch(running, clock, listener, () -> this.settings.lease().leaseMs());
        Threads.every(fences, watch, watch::everyMs);
        this.wake = redis.getTopic(keys.wakeChannel(), StringCodec.INSTANCE);
        this.cancels = redis.getTopic(keys.cancelChannel(), StringCodec.INSTANCE);
    }

    /** Starts the pull loop and the lease, reaper and heartbeat timers. */
    public synchronized void start() {
        if (accepting) return;
        accepting = true;
        wakeListener = wake.addListener(String.class, (ch, msg) -> woken(msg));
        // prompt cancellation; the lease renewal also reports cancel requests, in case a message is missed
        cancelListener = cancels.addListener(String.class, (ch, id) -> {
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
        if (!next.keyPrefix().equals(settings.keyPrefix())) throw new IllegalArgumentException("the key prefix cannot change live");
        if (next.partitions() != settings.partitions()) throw new IllegalArgumentException("the partitions cannot change live");
        this.policy = new CostqPickPolicy(next.policy());
        leases.setLeaseMs(next.lease().leaseMs());
        batcher.configure(next.estimator().window(), next.jobs().retentionMs());
        runner.configure(next, new Backoff(next.retry(), node.nodeId().hashCode()));
        this.settings = next;
        signal();
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
        var channels = settings.delivery().channels().values();
        int woken = wokenFor;
        wokenFor = -1;
        if (woken >= 0) {
            int claimed = claimOnWake(woken, now, channels);
            if (claimed >= 0) return claimed;
        }
        views.readMissing(now, p -> claims.get(p).snapshot(now, settings.classes(), channels));
        List<QueueSnapshot> seen = views.all();
        QueueSnapshot queues = views.merged(settings.classes());
        Decision d = policy.pick(nodeSnapshot(now), queues, now);
        if (!(d instanceof Decision.Take take)) {
            views.forget(); // read afresh after the wait
            lastWait = ((Decision.Wait) d).maxWaitMs();
            waiting = true;
            return 0;
        }
        int k = take.costClass();
        int p = seen.size() == 1 ? 0 : PartitionQueues.oldestHead(seen, k);
        int n = policy.batch(nodeSnapshot(now), queues, k, node.claimBatch(), now);
        if (seen.size() > 1) n = (int) Math.max(1, Math.min(n, views.of(p).classes().get(k).depth()));
        QueueSnapshot before = views.of(p);
        ClaimJobs.Outcome out;
        try {
            out = claims.get(p).run(k, n, node.nodeId(), now, settings.lease().leaseMs(), settings.classes(), channels,
                    views.reportDue(p, now));
        } catch (RuntimeException e) {
            views.forget(); // read again
            throw e;
        }
        views.claimed(p, now, before, k, n, out);
        return launchAll(out, now);
    }

    /** Starts what a claim brought; the node is busy again. Returns how many. */
    private int launchAll(ClaimJobs.Outcome out, long now) {
        if (out.claimed().isEmpty()) listener.claimRaceLost();
        for (ClaimedJob job : out.claimed()) {
            try {
                launch(job, now);
            } catch (RuntimeException e) { // stopping: the others still get their chance; this one has its lease
                LOG.warn("could not start job {}: {}", job.id(), e.toString());
            }
        }
        lastWait = 0;
        waiting = false;
        return out.claimed().size();
    }

    /**
     * A wake-up names the class whose queue turned non-empty. A node that holds no queue state (it waited) asks the
     * policy about that class alone — depth 1, its head just queued and of unknown length, taken as an hour, so only
     * a node with room takes it, never as a small fill-in — and on a yes claims it in the same call that reads the
     * queues again: one round trip less between a submit and its start. Returns -1 to decide the usual way.
     */
    private int claimOnWake(int k, long now, java.util.Collection<io.costq.core.DeliverySettings.Channel> channels) {
        if (!views.noneHeld() || k >= settings.classes()) return -1;
        List<io.costq.model.ClassQueue> classes = new ArrayList<>(settings.classes());
        for (int c = 0; c < settings.classes(); c++) {
            classes.add(c == k ? new io.costq.model.ClassQueue(c, 1, now, WAKE_HEAD_ESTIMATE_MS) : new io.costq.model.ClassQueue(c, 0, 0, 0));
        }
        if (!(policy.pick(nodeSnapshot(now), new QueueSnapshot(classes), now) instanceof Decision.Take t) || t.costClass() != k) return -1;
        ClaimJobs.Outcome out = claims.get(0).run(k, 1, node.nodeId(), now, settings.lease().leaseMs(), settings.classes(),
                channels, true);
        views.reported(0, now, out.queues());
        return launchAll(out, now);
    }

    /** A wake-up message arrived (from the wake channel's listener; tests call it directly). */
    public void woken(String msg) {
        wokenFor = wakeClass(msg);
        signal();
    }

    /** The class a wake-up message names, or -1 (other wake-ups: requeued or retried jobs). */
    public static int wakeClass(String msg) {
        if (msg == null || msg.isEmpty() || msg.length() > 2) return -1;
        for (int i = 0; i < msg.length(); i++) if (!Character.isDigit(msg.charAt(i))) return -1;
        return Integer.parseInt(msg);
    }

    public void renewOnce() {
        try {
            leases.renew(running.values());
        } catch (RuntimeException e) {
            LOG.warn("lease renewal round failed", e);
        }
    }

    public RequeueExpired.Outcome reapOnce() {
        RequeueExpired.Outcome o = reaper.reapOnce(clock.millis(), 100, settings.classes(), settings.jobs().retentionMs());
        if (o.requeued() + o.dead() > 0) LOG.info("reaper: {} requeued, {} dead after lease expiry", o.requeued(), o.dead());
        return o;
    }

    public void heartbeatOnce() {
        long now = clock.millis();
        NodeSnapshot snap = nodeSnapshot(now);
        List<Long> remaining = new ArrayList<>();
        for (RunningTask t : snap.running()) remaining.add(t.remainingMs());
        remaining.sort(null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("role", "worker");
        fields.put("cpu", String.format(java.util.Locale.ROOT, "%.3f", snap.cpu()));
        fields.put("cores", String.valueOf(node.cores()));
        fields.put("runningTasks", String.valueOf(snap.running().size()));
        fields.put("maxTasks", String.valueOf(node.maxTasks()));
        fields.put("remainingMs", String.join(",", remaining.stream().map(String::valueOf).toList()));
        fields.put("uri", node.uri());
        heartbeat.run(node.nodeId(), now, node.nodeTtlMs(), fields);
        afterHeartbeat.accept(snap);
    }

    /** Sets the hook run after each heartbeat (one at a time: a later call replaces it). */
    public void afterHeartbeat(java.util.function.Consumer<NodeSnapshot> hook) {
        this.afterHeartbeat = hook;
    }

    public NodeSnapshot nodeSnapshot(long now) {
        List<RunningTask> tasks = new ArrayList<>(running.size());
        for (RunningJob r : running.values()) tasks.add(new RunningTask(r.job.estimateMs(), Math.max(0, now - r.startedMs)));
        return new NodeSnapshot(cpu.cpuLoad(), node.cores(), node.maxTasks(), tasks);
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
        try {
            if (wakeListener >= 0) wake.removeListener(wakeListener);
            if (cancelListener >= 0) cancels.removeListener(cancelListener);
        } catch (RuntimeException e) {
            LOG.debug("could not unsubscribe: {}", e.toString());
        }
        signal();
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
        timers.shutdownNow();
        fences.shutdownNow();
        leaseThread.shutdownNow();
        handlers.shutdownNow();
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

    private void launch(ClaimedJob job, long now) {
        RunningJob r = new RunningJob(job, now, settings.lease().leaseMs());
        running.put(job.id(), r);
        listener.claimed(job, Math.max(0, now - job.queuedAtMs()));
        handlers.execute(() -> runner.run(r, () -> {
            running.remove(job.id(), r); // only this run: the same job may have been claimed again meanwhile
            signal();
        }));
    }

    private void signal() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void awaitSignal(long ms) {
        synchronized (signal) {
            if (!signalled && accepting) {
                try {
                    signal.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    accepting = false;
                }
            }
            signalled = false;
        }
    }

}
