package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfMainTest {
    @Test
    void liveConfigKeysBecomeSimulatorKeys() {
        assertThat(WhatIfMain.assignments(List.of("costq.policy.cpu-threshold=0.9", "classes.bounds=1,2,3"), false))
                .isEqualTo(Map.of("policy.cpuThreshold", "0.9", "classes.bounds", "1,2,3"));
        // current overrides the simulator does not model (leases, retries, routing) are left out
        assertThat(WhatIfMain.assignments(List.of("costq.lease.lease-ms=1000"), true)).isEmpty();
        assertThatThrownBy(() -> WhatIfMain.assignments(List.of("costq.lease.lease-ms=1000"), false)).hasMessageContaining("not modelled");
    }

    @Test
    void theTablePutsCurrentNextToProposed() {
        SimResult a = new SimResult("costq", 10, 2000, 1000, 5000, 8000, 9000, 2, 0, 100, new double[] {0.5}, 900, 0);
        SimResult b = new SimResult("costq", 10, 1000, 1000, 4000, 8000, 9000, 1.5, 0, 50, new double[] {0.5}, 900, 0);
        String table = WhatIfMain.sideBySide(a, b);
        assertThat(table).contains("| mean s           |      2.000 |      1.000 |   -50.0 % |");
        assertThat(table).contains("| > 60 s (%)       |      0.000 |      0.000 |       0 % |");
    }
}
