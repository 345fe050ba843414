package io.costq.core.job;

import java.util.List;

/**
 * One page of a job search, newest first.
 *
 * @param next where the next page starts (an opaque cursor), or null when no job is left to look at; a page may
 *             be short (even empty) and still have a next cursor, when its bounded look ran out before the limit
 * @param examined jobs (ids of the search index's entries) this page looked at
 */
public record JobPage(List<JobView> jobs, String next, int examined) {
}
