package io.costq.model.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every (scenario, seed) — one trace, every policy on it — on a pool of threads, one run per thread at a time.
 * Each run is deterministic, so the results do not depend on the thread count.
 */
final class MatrixRun {
    /** One scenario and seed: each policy's result on the same trace. */
    record Cell(Scenario scenario, long seed, Map<String, SimResult> byPolicy) {
        SimResult of(String policy) {
            return byPolicy.get(policy);
        }
    }

    private final List<String> policies;
    private final SettingsOverrides overrides;
    /** Thread time spent per policy, ns (the cost of each column, for the report). */
    private final Map<String, java.util.concurrent.atomic.LongAdder> spentNanos = new java.util.concurrent.ConcurrentHashMap<>();

    MatrixRun(List<String> policies, SettingsOverrides overrides) {
        this.policies = List.copyOf(policies);
        this.overrides = overrides;
    }

    /** All cells, in scenario then seed order; {@code done} hears of each as it ends (from the worker threads). */
    List<Cell> run(List<Scenario> scenarios, long firstSeed, int seeds, int threads, Consumer<Cell> done) {
        record Task(Scenario scenario, long seed) {}
        List<Task> tasks = new ArrayList<>();
        for (Scenario s : scenarios) for (int i = 0; i < seeds; i++) tasks.add(new Task(s, firstSeed + i));
        // the longest traces first, so no thread is left with a big one at the end
        List<Task> order = new ArrayList<>(tasks);
        order.sort(Comparator.comparingDouble((Task t) -> -expectedJobs(t.scenario)));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "matrix");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Task, Future<Cell>> futures = new LinkedHashMap<>();
            for (Task t : order) futures.put(t, pool.submit(() -> {
                Cell c = cell(t.scenario, t.seed);
                done.accept(c);
                return c;
            }));
            List<Cell> cells = new ArrayList<>();
            for (Task t : tasks) cells.add(futures.get(t).get());
            return cells;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a matrix run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    Cell cell(Scenario scenario, long seed) {
        List<TraceJob> trace = scenario.jobsFor(seed);
        Simulator simulator = new Simulator(scenario.cluster(), scenario.warmupMs());
        Map<String, SimResult> results = new LinkedHashMap<>();
        for (String p : policies) {
            long t0 = System.nanoTime();
            results.put(p, simulator.run(trace, p, overrides));
            spentNanos.computeIfAbsent(p, k -> new java.util.concurrent.atomic.LongAdder()).add(System.nanoTime() - t0);
        }
        return new Cell(scenario, seed, results);
    }

    /** Seconds spent simulating each policy, summed over the runs. */
    Map<String, Double> secondsByPolicy() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String p : policies) out.put(p, spentNanos.containsKey(p) ? spentNanos.get(p).sum() / 1e9 : 0);
        return out;
    }

    /** Arrivals per second of CPU load 1 times the profile's load-seconds: a rough size, for ordering only. */
    private static double expectedJobs(Scenario s) {
        TraceSpec t = s.trace();
        if (t.profile() == null) return t.jobs();
        double loadSeconds = t.profile().segments().stream().mapToDouble(g -> g.load() * g.seconds()).sum();
        double meanCost = (t.minCostMs() + t.maxCostMs()) / 4;
        return loadSeconds * 1000 * t.nodes() * t.cores() / (meanCost * (1 - t.ioFrac()));
    }
}
