package io.costq.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.route.CapacityFit;
import io.costq.core.route.PoolView;
import io.costq.core.route.RegisterServer;
import io.costq.core.route.ServerView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Server bodies: joining a pool, the admin's teaching, and what the decision server knows of a pool. */
public final class ServerJson {
    private ServerJson() {
    }

    @Schema(name = "ServerReport", description = "A server's heartbeat: send it every leaseMs / 3")
    public record Body(@Schema(required = true, description = "Where clients connect", examples = "tcp://m1:2000") String uri,
                       @Schema(description = "Sessions at which it is fully loaded, if it knows; else learned, taught or the default")
                       Integer capacity,
                       @Schema(description = "Load beyond costq's sessions, e.g. connections made without asking") Integer load,
                       @Schema(description = "CPU busy fraction, or any indicator scaled so that 1.0 is saturated; learning uses it")
                       Double utilization,
                       @Schema(description = "Wants no new sessions (e.g. about to stop)") Boolean draining) {
    }

    @Schema(name = "ServerRegistered")
    public record Registered(String pool, String server, long leaseMs, long sessions, long load, long capacity,
                             @Schema(description = "reported, learned, taught, pinned or default") String capacitySource,
                             long allowedSessions) {
        static Registered of(String pool, String server, long leaseMs, RegisterServer.Registration r) {
            return new Registered(pool, server, leaseMs, r.sessions(), r.load(), r.capacity(), r.capacitySource(), r.allowedSessions());
        }
    }

    /** Any of the three; capacity null forgets the taught one. */
    @Schema(name = "ServerTeaching")
    public record Teach(@Schema(description = "Sessions at which the server is fully loaded (caps what it reports and what is learned); null forgets it",
                                implementation = Integer.class, nullable = true) JsonNode capacity,
                        @Schema(description = "Use exactly the taught capacity") Boolean pinned,
                        @Schema(description = "No new sessions for this server") Boolean draining) {
    }

    @Schema(name = "ServerTaught")
    public record Taught(long version, @Schema(nullable = true, description = "The taught capacity; null: none") Integer capacity,
                         boolean pinned, boolean draining) {
    }

    @Schema(name = "Pool")
    public record Pool(String pool, double allowedLoad, long sessions, List<Server> servers) {
        static Pool of(PoolView v) {
            return new Pool(v.pool(), v.allowedLoad(), v.sessions(), v.servers().stream().map(Server::of).toList());
        }
    }

    @Schema(name = "PoolServer")
    public record Server(String id, @Schema(nullable = true, description = "null: only taught about, never registered") String uri,
                         boolean live, boolean draining, long sessions, long load, long capacity,
                         @Schema(description = "reported, learned, taught, pinned or default") String capacitySource,
                         long allowedSessions,
                         @Schema(nullable = true, description = "Its last heartbeat; null: only taught about") Reported reported,
                         @Schema(nullable = true, description = "null before the warm-up") Learned learned,
                         TaughtState taught) {
        static Server of(ServerView s) {
            var r = s.reported();
            CapacityFit.Fit f = s.learned();
            return new Server(s.id(), s.uri(), s.live(), s.draining(), s.sessions(), s.load(), s.capacity(), s.capacitySource(),
                    s.allowedSessions(),
                    r == null ? null : new Reported(r.capacity(), r.load(), r.utilization(), r.draining(), r.sinceMs(), r.atMs(), r.samples()),
                    f == null ? null : new Learned(f.capacity(), f.slope(), f.intercept(), f.r2(), f.samples(), f.inliers(), f.atMs()),
                    new TaughtState(s.taught().capacity(), s.taught().pinned(), s.taught().draining()));
        }
    }

    @Schema(name = "ServerTaughtState", description = "What the admin taught; capacity null: none")
    public record TaughtState(@Schema(nullable = true) Integer capacity, boolean pinned, boolean draining) {
    }

    @Schema(name = "ServerReported")
    public record Reported(@Schema(nullable = true, description = "null: not reported") Integer capacity, long load,
                           @Schema(nullable = true, description = "null: not reported") Double utilization, boolean draining,
                           long sinceMs, long atMs, long samples) {
    }

    @Schema(name = "ServerLearned", description = "utilization = intercept + slope x load, fitted over the inliers; capacity where it reaches 1.0")
    public record Learned(long capacity, double slope, double intercept, double r2, int samples, int inliers, long atMs) {
    }
}
