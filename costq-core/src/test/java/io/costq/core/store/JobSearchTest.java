package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.ClusterSettings;
import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.job.JobFilter;
import io.costq.core.job.JobPage;
import io.costq.core.job.JobState;
import io.costq.core.job.JobView;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.model.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.client.codec.StringCodec;

/**
 * Search over 10,000 jobs on 2 partitions, submitted in bulk so many share a queued-at (ties across and within
 * partitions): every filter returns exactly its jobs, newest first, across pages; concurrent submits shift nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOBS = 10_000;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final CostqSettings settings = CostqSettings.defaults(TestRedis.freshPrefix()).withCluster(new ClusterSettings(2, 0, 1_000));
    private final CostqClient client = new CostqClient(TestRedis.client(), settings, JobTypes.builtIns(), clock);
    /** Every job submitted before the searches, by id, as submitted. */
    private final Map<String, JobView> all = new LinkedHashMap<>();

    @BeforeAll
    void submitTenThousand() throws Exception {
        List<SubmitRequest> chunk = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String type = i % 3 == 0 ? "sleep" : "noop";
            chunk.add(SubmitRequest.of("u" + (i % 50), type, type.equals("sleep") ? JSON.readTree("{\"ms\": 1}") : null));
            if (chunk.size() == 400) {
                client.submitAll(chunk); // up to 100 jobs per script call: one queued-at for many
                chunk.clear();
                clock.tick(Duration.ofMillis(1));
            }
        }
        if (!chunk.isEmpty()) client.submitAll(chunk);
        List<String> ids = new ArrayList<>();
        for (Keys k : client.partitions().all()) {
            for (String entry : TestRedis.client().<String>getScoredSortedSet(k.timeIndex(), StringCodec.INSTANCE).readAll()) {
                ids.addAll(List.of(JobSearch.idsOf(entry)));
            }
        }
        all.putAll(client.store().jobs(ids));
        assertThat(all).hasSize(JOBS);
        assertThat(all.values().stream().map(v -> client.partitions().ofId(v.id())).distinct()).hasSize(2);
    }

    @AfterAll
    void close() {
        client.close();
    }

    /** Follows the cursor to the end; asserts pages are newest first and never longer than the limit. */
    private List<String> everyPage(JobFilter filter, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            JobPage page = client.search(filter, cursor, limit);
            assertThat(page.jobs().size()).isLessThanOrEqualTo(limit);
            assertThat(page.examined()).isLessThanOrEqualTo(JobSearch.EXAMINE);
            page.jobs().forEach(j -> out.add(j.id()));
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    private List<String> expected(Predicate<JobView> keep) {
        return all.values().stream().filter(keep)
                .sorted((a, b) -> a.queuedAt().equals(b.queuedAt()) ? b.id().compareTo(a.id()) : Long.compare(b.queuedAt(), a.queuedAt()))
                .map(JobView::id).toList();
    }

    @Test
    void everyJobComesExactlyOnceNewestFirstAcrossPagesAndPartitions() {
        // (jobs another test submits later are newer: they come first, and are left out here)
        assertThat(everyPage(JobFilter.ANY, 200).stream().filter(all::containsKey)).containsExactlyElementsOf(expected(j -> true));
    }

    @Test
    void aUserAndTypeFilterReturnsExactlyItsJobs() {
        List<String> want = expected(j -> j.user().equals("u7") && j.type().equals("sleep"));
        assertThat(want).isNotEmpty();
        assertThat(everyPage(JobFilter.ANY.withUser("u7").withType("sleep"), 25)).containsExactlyElementsOf(want);
    }

    @Test
    void sinceAndCostClassNarrowTheSearch() {
        long since = all.values().stream().mapToLong(JobView::queuedAt).min().orElseThrow() + 10;
        int costClass = all.values().iterator().next().costClass();
        assertThat(everyPage(JobFilter.ANY.withSince(since).withCostClass(costClass), 500))
                .containsExactlyElementsOf(expected(j -> j.queuedAt() >= since && j.costClass() == costClass));
    }

    @Test
    void aFilterNothingMatchesAnswersShortPagesWithACursorUntilTheIndexEnds() {
        JobPage first = client.search(JobFilter.ANY.withUser("nobody"), null, 10);
        assertThat(first.jobs()).isEmpty();
        assertThat(first.examined()).isEqualTo(JobSearch.EXAMINE);
        assertThat(first.next()).isNotNull();
        assertThat(everyPage(JobFilter.ANY.withUser("nobody"), 10)).isEmpty();
    }

    @Test
    void pagesAreStableUnderConcurrentSubmits() throws Exception {
        List<String> want = expected(j -> j.user().equals("u3"));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 20; round++) {
                clock.tick(Duration.ofMillis(1));
                List<SubmitRequest> more = new ArrayList<>();
                for (int i = 0; i < 50; i++) more.add(SubmitRequest.of("u3", "noop", null));
                client.submitAll(more);
            }
        });
        List<String> got = new ArrayList<>();
        String cursor = null;
        do {
            JobPage page = client.search(JobFilter.ANY.withUser("u3"), cursor, 20);
            // jobs submitted meanwhile are newer than every original: they may come first, never in between
            page.jobs().stream().map(JobView::id).forEach(got::add);
            cursor = page.next();
        } while (cursor != null);
        writer.join();
        assertThat(new HashSet<>(got)).hasSize(got.size());
        int firstOriginal = got.indexOf(want.get(0));
        assertThat(got.subList(0, firstOriginal)).noneMatch(all::containsKey);
        assertThat(got.subList(firstOriginal, got.size())).containsExactlyElementsOf(want);
    }

    @Test
    void statusIsReadFromTheJobAsItIsNow() {
        List<String> cancelled = expected(j -> j.user().equals("u11")).subList(0, 5);
        cancelled.forEach(client::cancel);
        assertThat(everyPage(JobFilter.ANY.withStatus(JobState.CANCELLED).withUser("u11"), 3)).containsExactlyElementsOf(cancelled);
    }

    /** The index entry (a submit call's ids) that lists {@code id}. */
    private static String entryOf(Keys keys, String id) {
        return TestRedis.client().<String>getScoredSortedSet(keys.timeIndex(), StringCodec.INSTANCE).readAll().stream()
                .filter(e -> List.of(JobSearch.idsOf(e)).contains(id)).findFirst().orElse(null);
    }

    @Test
    void jobsWhoseHashIsGoneAreSkippedAndAnEntryIsTrimmedWhenNoneOfItsJobsIsLeft() {
        String victim = expected(j -> j.user().equals("u42")).get(0);
        Keys keys = client.partitions().keys(client.partitions().ofId(victim));
        String entry = entryOf(keys, victim);
        TestRedis.client().getKeys().delete(keys.job(victim)); // as when its retention runs out
        assertThat(everyPage(JobFilter.ANY.withUser("u42"), 100)).doesNotContain(victim).hasSize(expected(j -> j.user().equals("u42")).size() - 1);
        assertThat(entryOf(keys, victim)).as("its call's other jobs are still there").isEqualTo(entry);
        all.remove(victim);

        List<String> rest = List.of(JobSearch.idsOf(entry));
        rest.forEach(id -> TestRedis.client().getKeys().delete(keys.job(id)));
        assertThat(everyPage(JobFilter.ANY.withUser("u42"), 100)).doesNotContainAnyElementsOf(rest);
        assertThat(entryOf(keys, victim)).isNull();
        rest.forEach(all::remove);
    }

    @Test
    void theReapersTrimRemovesOnlyEntriesNoneOfWhoseJobsIsLeftAndGetsPastOnesThatStay() {
        Keys p0 = client.partitions().keys(0);
        var index = TestRedis.client().<String>getScoredSortedSet(p0.timeIndex(), StringCodec.INSTANCE);
        List<String> oldest = new ArrayList<>(index.valueRange(0, 4));
        // entries 0 and 4 lose every job, entry 1 all but its first: only 0 and 4 go
        List<String> gone = new ArrayList<>();
        for (int e : new int[] {0, 1, 4}) {
            List<String> ids = List.of(JobSearch.idsOf(oldest.get(e)));
            gone.addAll(e == 1 ? ids.subList(1, ids.size()) : ids);
        }
        gone.forEach(id -> TestRedis.client().getKeys().delete(p0.job(id)));
        long later = clock.millis() + settings.jobs().retentionMs() + 1_000;
        int size = index.size();
        int first = JobSearch.idsOf(oldest.get(0)).length;
        int three = first + JobSearch.idsOf(oldest.get(1)).length + JobSearch.idsOf(oldest.get(2)).length; // ids looked at per round
        assertThat(client.store().trimTimeIndex(0, later, three)).isEqualTo(first); // entries 0..2: one empty
        assertThat(client.store().trimTimeIndex(0, later, three)).isEqualTo(JobSearch.idsOf(oldest.get(4)).length); // then past the 2 that stay
        assertThat(index.size()).isEqualTo(size - 2);
        assertThat(index.contains(oldest.get(1))).isTrue();
        assertThat(client.store().trimTimeIndex(0, clock.millis() - settings.jobs().retentionMs(), 100)).isZero();
        gone.forEach(all::remove);
    }

    @Test
    void aCursorThisApiDidNotAnswerIs400NamingCursor() {
        assertThatThrownBy(() -> client.search(JobFilter.ANY, "not-a-cursor", 10)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("cursor");
    }
}
