package io.costq.api;

import io.costq.core.route.AdmitSession;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The decision server's answer: the server to connect to and the session held there. */
@Schema(name = "Route", description = "Where to connect, and the session that holds the slot until released or unrenewed")
public record RouteJson(
        @Schema(description = "Where to connect", examples = "tcp://m1:2000") String uri,
        @Schema(description = "The server's id in its pool") String server,
        @Schema(description = "Session id: renew it every leaseMs / 3, delete it on disconnect") String session,
        @Schema(description = "The session ends this many ms after its last renewal") long leaseMs,
        String pool,
        @Schema(description = "The server's load fraction with this session: (sessions + reported load) / capacity") double load,
        @Schema(description = "The pool's allowed load fraction") double allowedLoad,
        @Schema(description = "The capacity (sessions at 100 %) the decision used") long capacity,
        @Schema(description = "The server the client had before (its own session, or within the sticky grace)") boolean sticky,
        @Schema(description = "The client's own live session, given again") boolean existing) {

    static RouteJson of(String pool, AdmitSession.Admitted a, long leaseMs, double allowedLoad) {
        return new RouteJson(a.uri(), a.server(), a.session(), leaseMs, pool, a.capacity() <= 0 ? 1 : (double) a.load() / a.capacity(),
                allowedLoad, a.capacity(), a.sticky(), a.existing());
    }
}
