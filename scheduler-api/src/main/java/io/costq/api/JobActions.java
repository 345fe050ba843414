package io.costq.api;

import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.config.ConfigChange;
import io.costq.core.config.ConfigHistoryEntry;
import io.costq.core.job.JobFilter;
import io.costq.core.job.JobPage;
import io.costq.core.job.JobView;
import io.costq.core.store.ActionLog;
import io.costq.model.Clock;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Operators' actions on jobs — cancel, retry, delete, one at a time or over a search filter — each recorded in the
 * action history (who, when, per job or filter its old and new state), as config changes are in theirs.
 */
@Singleton
public class JobActions {
    /** Most jobs one bulk call acts on; the answer's next cursor goes on from there. */
    static final int BULK_MAX = 10_000;

    @Inject
    CostqClient client;
    @Inject
    @io.smallrye.common.annotation.Identifier("costq")
    org.redisson.api.RedissonClient redis;
    @Inject
    Clock clock;

    private ActionLog log;

    @PostConstruct
    void init() {
        log = new ActionLog(redis, client.keys());
    }

    public enum Action { CANCEL, RETRY, DELETE }

    /**
     * What one action did to one job: the outcome's name (CANCELLED, QUEUED, DELETED, NOT_FOUND, ...). A job outside
     * {@code scope} (the caller's tenants) is NOT_FOUND, decided by the script itself.
     */
    public String apply(Action action, String id, String scope) {
        return switch (action) {
            case CANCEL -> client.cancel(id, scope).name();
            case RETRY -> client.retry(id, scope).name();
            case DELETE -> client.delete(id, scope).name();
        };
    }

    /** One action on one job, audited with the job's state before and the outcome. */
    public String one(Action action, String id, String statusBefore, String who, String scope) {
        String outcome = apply(action, id, scope);
        log.record(who, clock.millis(), List.of(new ConfigChange("job " + id + " " + action.name().toLowerCase(), statusBefore, outcome)));
        return outcome;
    }

    /** Per outcome, how many jobs; and where to go on (null: every matching job was acted on). */
    public record Bulk(String action, Map<String, String> filter, int matched, Map<String, Integer> outcomes, String next) {
    }

    /** The action on every job the filter matches (at most {@code max}), page by page; one audit entry for all. */
    public Bulk bulk(Action action, JobFilter filter, String cursor, int max, String who, String scope) {
        if (max < 1 || max > BULK_MAX) throw new InvalidInputException("max", "max must be in 1.." + BULK_MAX);
        // a bulk action names what it acts on: no filter would mean every job (an accident, not a request)
        if (filter.describe().isEmpty()) {
            throw new InvalidInputException("status", "name the jobs: at least one of status, user, type, costClass, since, tenant");
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        int matched = 0;
        String next = cursor;
        do {
            JobPage page = client.search(filter, next, Math.min(500, max - matched));
            for (JobView j : page.jobs()) outcomes.merge(apply(action, j.id(), scope), 1, Integer::sum);
            matched += page.jobs().size();
            next = page.next();
        } while (next != null && matched < max);
        String target = "jobs " + filter.describe().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")) + " " + action.name().toLowerCase();
        log.record(who, clock.millis(), List.of(new ConfigChange(target, matched + " matched", outcomes.toString())));
        return new Bulk(action.name(), filter.describe(), matched, outcomes, next);
    }

    /** A node's drain asked or lifted, audited. */
    public void drain(String nodeId, boolean drain, String who) {
        client.drainNode(nodeId, drain);
        log.record(who, clock.millis(), List.of(new ConfigChange("node " + nodeId + " draining", String.valueOf(!drain), String.valueOf(drain))));
    }

    public List<ConfigHistoryEntry> history(int limit) {
        return log.newest(limit);
    }

    /** The job's status now, or null when there is no such job or it is outside {@code scope} (the audit's "old" value). */
    public String statusOf(String id, String scope) {
        return client.get(id).filter(j -> io.costq.core.job.Tenants.covers(scope, j.tenant())).map(j -> j.status().name()).orElse(null);
    }
}
