package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationOrderTest {
    private static final class Recorded extends Event {
        private final String name;
        private final List<String> log;

        Recorded(double t, int priority, String name, List<String> log) {
            super(t, priority);
            this.name = name;
            this.log = log;
        }

        @Override
        void fire(Simulation sim) {
            log.add(name);
        }
    }

    @Test
    void eventsFireByTimeThenPriorityThenSchedulingOrder() {
        List<String> log = new ArrayList<>();
        Simulation sim = new Simulation();
        sim.schedule(new Recorded(10, Event.PULL_WAKE, "wake@10", log));
        sim.schedule(new Recorded(10, Event.ARRIVAL, "arrival@10 first", log));
        sim.schedule(new Recorded(5, Event.PULL_WAKE, "wake@5", log));
        sim.schedule(new Recorded(10, Event.ARRIVAL, "arrival@10 second", log));
        sim.schedule(new Recorded(10, Event.NODE_TRANSITION, "transition@10", log));
        sim.run();
        assertThat(log).containsExactly("wake@5", "transition@10", "arrival@10 first", "arrival@10 second", "wake@10");
    }
}
