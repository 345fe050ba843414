package io.costq.bench.chaos;

/**
 * One run of a job on one worker process, from its execution log: claimed at {@code startMs}, ended at
 * {@code endMs} (its "end" line, or the kill of its process when it has none).
 *
 * @param endLogged whether the process logged the end (false: it was killed while the run was going)
 * @param outcome   the outcome the node recorded ("succeeded", "abandoned", "stale", ...), or "killed"
 */
record Execution(String job, long token, String node, long startMs, long endMs, boolean endLogged, String outcome) {
}
