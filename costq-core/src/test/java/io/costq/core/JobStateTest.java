package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.JobState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStateTest {
    /** The transitions the Lua scripts perform, written out independently of the table. */
    private static final Map<JobState, Set<JobState>> EXPECTED = Map.of(
            JobState.QUEUED, EnumSet.of(JobState.RUNNING, JobState.CANCELLED, JobState.EXPIRED),
            JobState.RUNNING, EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.DEAD, JobState.QUEUED,
                    JobState.CANCELLED, JobState.AWAITING_ACK),
            JobState.AWAITING_ACK, EnumSet.of(JobState.SUCCEEDED),
            JobState.DEAD, EnumSet.of(JobState.QUEUED));

    @Test
    void everyPairIsAllowedExactlyWhenExpected() {
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                boolean expected = EXPECTED.getOrDefault(from, Set.of()).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
    }

    @Test
    void terminalStatesLeadNowhereButAnOperatorRetryOfDead() {
        for (JobState s : JobState.values()) {
            if (!s.isTerminal()) continue;
            for (JobState to : JobState.values()) {
                if (s == JobState.DEAD && to == JobState.QUEUED) continue;
                assertThat(s.canMoveTo(to)).as(s + " -> " + to).isFalse();
            }
        }
    }
}
