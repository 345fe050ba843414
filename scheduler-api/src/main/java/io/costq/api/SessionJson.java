package io.costq.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Session bodies: what a renewal may name, and its answer. */
public final class SessionJson {
    private SessionJson() {
    }

    /** Both or neither: where to restore the session if Redis lost it (a failover); the SDK always sends them. */
    @Schema(name = "RenewSession")
    public record RenewBody(@Schema(description = "The session's server, as the route answered") String server,
                            @Schema(description = "The client id the route was asked for") String client) {
    }

    @Schema(name = "Renewed")
    public record Renewed(String session, String server, long leaseMs,
                          @Schema(description = "The session was gone (lost in a failover, or expired while connected) and was restored on the named server")
                          boolean restored,
                          @Schema(description = "The server is registered now; false: it left, connect again") boolean serverLive) {
    }
}
