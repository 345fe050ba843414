package io.costq.core.client;

import io.costq.core.store.JobStore;
import io.costq.core.store.History;
import io.costq.core.store.ScheduleStore;
import io.costq.model.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Delayed jobs that are due go to their class queues, estimated now from their user's history (as a submit at this
 * moment would be): one history read per round and one {@code promoteScheduled} call per batch of due jobs. Every
 * API instance runs it; the script promotes a job once, so two promoters at once cost a little and double nothing.
 */
public final class DuePromoter {
    static final int BATCH = 100;
    /** Batches per partition in one round, so one round stays short; the next round takes the rest. */
    private static final int MAX_BATCHES = 20;

    private final CostqClient client;

    public DuePromoter(CostqClient client) {
        this.client = client;
    }

    /** Promotes the jobs due at {@code nowMs} in every partition; returns how many this call promoted. */
    public long promoteOnce(long nowMs) {
        JobStore store = client.store();
        ScheduleStore time = store.schedules();
        long promoted = 0;
        for (int p = 0; p < store.partitions().count(); p++) {
            for (int b = 0; b < MAX_BATCHES; b++) {
                List<ScheduleStore.DueJob> due = time.dueJobs(p, nowMs, BATCH);
                if (due.isEmpty()) break;
                promoted += time.promote(p, estimated(due), nowMs);
                if (due.size() < BATCH) break;
            }
        }
        return promoted;
    }

    private List<ScheduleStore.Promotion> estimated(List<ScheduleStore.DueJob> due) {
        SubmitPreparer prep = client.preparer();
        Set<History> wanted = new LinkedHashSet<>();
        for (ScheduleStore.DueJob j : due) wanted.add(j.history());
        Map<History, CompletableFuture<List<Long>>> histories = client.store().histories(wanted, prep.historyWindow());
        List<ScheduleStore.Promotion> out = new ArrayList<>(due.size());
        for (ScheduleStore.DueJob j : due) {
            List<Long> history = histories.get(j.history()).handle((h, e) -> e == null ? h : List.<Long>of()).join();
            Estimate e = prep.estimate(j.type(), history);
            out.add(new ScheduleStore.Promotion(j.id(), prep.bounds().classify(e.ms()), e.ms()));
        }
        return out;
    }
}
