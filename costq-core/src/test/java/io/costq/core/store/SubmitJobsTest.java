package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code submitJobs.lua}: (none) -> QUEUED. */
class SubmitJobsTest extends StoreTest {

    @Test
    void aBulkSubmitStoresEveryJobInOrderAcrossSeveralScriptCalls() {
        int n = 2 * SubmitJobs.MAX_PER_CALL + 7;
        List<SubmitRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) requests.add(SubmitRequest.of("u" + (i % 3), "noop", null));
        List<Submitted> submitted = client.submitAll(requests);

        assertThat(submitted).hasSize(n).allSatisfy(s -> assertThat(s.duplicate()).isFalse());
        assertThat(submitted).extracting(Submitted::id).doesNotHaveDuplicates();
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).hasSize(n);
        for (int i = 0; i < n; i += 50) {
            var view = client.get(submitted.get(i).id()).orElseThrow();
            assertThat(view.user()).isEqualTo("u" + (i % 3));
            assertThat(view.status()).isEqualTo(JobState.QUEUED);
        }
    }

    private NewJob newJob(String id, String user, NewJob.Options options) {
        return new NewJob(id, 0, user, "noop", "{}", JobFixture.PRIOR_CLASS, 5, clock.millis(), 3, 60_000, options, false, false);
    }

    @Test
    void aNewJobWithATakenIdIsAnsweredIdTakenAndTheStoredJobStaysAsItWas() {
        String id = jobs.job().user("first").queued();
        var before = hash(id);
        SubmitJobs.Outcome out = store.submit(List.of(newJob(id, "second", NewJob.Options.NONE)), true).get(0).join();

        assertThat(out.kind()).isEqualTo(SubmitJobs.Kind.ID_TAKEN);
        assertThat(hash(id)).isEqualTo(before);
    }

    /** n new jobs of {@code tenant} (null: the default tenant, stored without one) under a cap, in one submit. */
    private record Capped(List<String> ids, List<SubmitJobs.Kind> kinds) {
    }

    private Capped submitUnderCap(String tenant, int cap, int n) {
        NewJob.Options capped = new NewJob.Options(null, null, null, null, null, false, 0, null, null, 0, null, tenant, cap);
        io.costq.core.Ids ids = new io.costq.core.Ids();
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) batch.add(newJob(ids.next(clock.millis()), "u", capped));
        List<SubmitJobs.Kind> kinds = store.submit(batch, true).stream().map(f -> f.join().kind()).toList();
        return new Capped(batch.stream().map(NewJob::id).toList(), kinds);
    }

    @Test
    void aJobOverItsTenantsCapLeavesNoHashBehind() {
        Capped out = submitUnderCap("t", 1, 2);

        assertThat(out.kinds()).containsExactly(SubmitJobs.Kind.CREATED, SubmitJobs.Kind.OVER_CAP);
        assertThat(hash(out.ids().get(1))).isEmpty();
        assertThat(hash(out.ids().get(0))).containsEntry("status", "QUEUED");
    }

    @Test
    void theDefaultTenantsCapIsEnforcedAsAnyTenantsAndLeavesNoHashBehind() {
        // costq.tenants.default.max-queued: a submitter key without a tenant submits as 'default', stored without one
        Capped out = submitUnderCap(null, 1, 2);

        assertThat(out.kinds()).containsExactly(SubmitJobs.Kind.CREATED, SubmitJobs.Kind.OVER_CAP);
        assertThat(hash(out.ids().get(0))).containsEntry("status", "QUEUED").doesNotContainKey("tenant");
        assertThat(hash(out.ids().get(1))).isEmpty();
    }

    @Test
    void aBatchOfJobsOverTheCapWalksItsTenantsPendingJobsOnceNotOncePerJob() {
        int cap = 40, refused = 50; // one script call (SubmitJobs.MAX_PER_CALL)
        long hgetsBefore = calls("hget");
        List<SubmitJobs.Kind> kinds = submitUnderCap("t", cap, cap + refused).kinds();

        assertThat(kinds.subList(0, cap)).containsOnly(SubmitJobs.Kind.CREATED);
        assertThat(kinds.subList(cap, cap + refused)).containsOnly(SubmitJobs.Kind.OVER_CAP);
        // the walk reads each pending job's status once (one HGET each), for the first refused job only
        assertThat(calls("hget") - hgetsBefore).isLessThanOrEqualTo(cap);
    }

    @Test
    void aRepeatedIdempotencyKeyInOneBatchFindsTheFirstJob() {
        SubmitRequest once = jobs.job().idempotencyKey("order-42").request();
        List<Submitted> submitted = client.submitAll(List.of(once, SubmitRequest.of("u", "noop", null), once));

        assertThat(submitted.get(0).duplicate()).isFalse();
        assertThat(submitted.get(2).duplicate()).isTrue();
        assertThat(submitted.get(2).id()).isEqualTo(submitted.get(0).id());
        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).hasSize(2);
    }

    @Test
    void fiftyConcurrentSubmitsWithOneIdempotencyKeyMakeOneJob() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Submitted>> futures = new ArrayList<>();
            SubmitRequest once = jobs.job().idempotencyKey("order-42").request();
            for (int i = 0; i < 50; i++) futures.add(pool.submit(() -> client.submit(once)));
            Set<String> ids = new HashSet<>();
            int duplicates = 0;
            for (var f : futures) {
                Submitted s = f.get();
                ids.add(s.id());
                if (s.duplicate()) duplicates++;
            }
            assertThat(ids).hasSize(1);
            assertThat(duplicates).isEqualTo(49);
            assertThat(jobs.claim("n1")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJobWithAnOrderingKeyWaitsOutsideTheQueueBehindTheKeysHead() {
        String first = jobs.job().orderingKey("room").queued();
        String second = jobs.job().orderingKey("room").queued();

        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "noop"))).containsExactly(first);
        assertThat(redis.<String>getList(keys.orderingKey("room"), org.redisson.client.codec.StringCodec.INSTANCE).readAll())
                .containsExactly(first, second);
        assertThat(client.get(second).orElseThrow().status()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void aNewTypesJobWaitingBehindItsOrderingKeyIsInTheTypeSetThatReportsRead() {
        jobs.job().orderingKey("room").queued(); // a noop heads the key
        Submitted sleep = client.submit(SubmitRequest.of("u", "sleep", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("ms", 1)).withDelivery("room", null, false, null));

        assertThat(members(keys.queue(JobFixture.PRIOR_CLASS, "sleep"))).doesNotContain(sleep.id()); // waits its turn
        // when its turn comes it enters the sleep queue; reports over every type (GET /v1/queues) find it through the set
        assertThat(redis.<String>getSet(keys.types(), org.redisson.client.codec.StringCodec.INSTANCE).readAll()).contains("sleep");
    }

    @Test
    void anAwaitedSubmitIsMarkedSoItsEndIsPublished() {
        Submitted awaited = client.submit(SubmitRequest.of("u", "noop", null), "key-a", true);
        Submitted not = client.submit(SubmitRequest.of("u", "noop", null), "key-a", false);
        assertThat(hash(awaited.id())).containsEntry("awaited", "1").containsEntry("owner", "key-a");
        assertThat(hash(not.id())).doesNotContainKey("awaited");
    }
}
