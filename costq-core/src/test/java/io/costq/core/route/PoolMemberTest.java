package io.costq.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.CostqSettings;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.ManualClock;
import org.junit.jupiter.api.Test;

/** A worker node joins pool {@code worker} from its own heartbeat, through the same script as any server. */
class PoolMemberTest extends RouteFixture {
    private final ManualClock clock = new ManualClock(now);

    private WorkerEngine worker(String id, String uri, PoolMember member) {
        var engine = new WorkerEngine(redis, CostqSettings.defaults(prefix), new WorkerSettings(id, 4, 4, 1_000, 3_000, uri, 0),
                JobTypes.builtIns(), () -> 0.25, clock, WorkerListener.NONE);
        engine.afterHeartbeat(snap -> member.report(uri, snap.maxTasks(), snap.running().size(), snap.cpu(), clock.millis()));
        return engine;
    }

    @Test
    void aWorkerWithAUriIsAServerOfPoolWorkerUntilItLeaves() {
        PoolMember member = new PoolMember(decisions, "worker", "w1", 3_000, () -> SETTINGS);
        WorkerEngine w = worker("w1", "http://w1:8081", member);
        try {
            w.heartbeatOnce();
            ServerView v = decisions.view("worker", now, SETTINGS).servers().get(0);
            assertThat(v.id()).isEqualTo("w1");
            assertThat(v.live()).isTrue();
            assertThat(v.uri()).isEqualTo("http://w1:8081");
            assertThat(v.capacity()).isEqualTo(4);
            assertThat(v.capacitySource()).isEqualTo("reported");
            assertThat(v.reported().utilization()).isEqualTo(0.25);
            assertThat(v.registeredUntilMs()).isEqualTo(now + 3_000);
            assertThat(((AdmitSession.Admitted) decisions.route("worker", "portal", now, SETTINGS)).uri()).isEqualTo("http://w1:8081");
            member.leave(now);
            assertThat(decisions.route("worker", "portal-2", now, SETTINGS)).isEqualTo(new AdmitSession.Full(0));
        } finally {
            w.crash();
        }
    }

    @Test
    void aWorkerWithoutAUriIsNotAServer() {
        PoolMember member = new PoolMember(decisions, "worker", "w2", 3_000, () -> SETTINGS);
        WorkerEngine w = worker("w2", "", member);
        try {
            w.heartbeatOnce();
            assertThat(decisions.route("worker", "portal", now, SETTINGS)).isEqualTo(new AdmitSession.UnknownPool());
        } finally {
            w.crash();
        }
    }
}
