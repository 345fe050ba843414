package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every pair of session states against the one table the scripts' headers follow. */
class SessionStateTest {
    private static final Set<String> LEGAL = Set.of("NONE->LIVE", "LIVE->LIVE", "LIVE->RELEASED", "LIVE->EXPIRED");

    @Test
    void onlyTheListedTransitionsAreLegal() {
        for (SessionState from : SessionState.values()) {
            for (SessionState to : SessionState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(LEGAL.contains(from + "->" + to));
            }
        }
        assertThat(EnumSet.allOf(SessionState.class)).hasSize(4);
    }
}
