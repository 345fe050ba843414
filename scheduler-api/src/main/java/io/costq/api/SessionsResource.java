package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.route.RenewSession;
import io.costq.core.route.SessionIds;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A client's session on the server the decision server gave it: renewed while connected, released on disconnect. */
@Path("/v1/sessions/{session}")
@Tag(name = "route")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SessionsResource {
    @Inject
    RouteService routes;
    @Inject
    Caller caller;

    @POST
    @Path("renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renewSession", summary = "Keep a session: its lease runs from now again",
            description = "Naming the session's server and client restores a session Redis lost (a failover) or that expired while its client stayed connected. "
                    + "Only the key that opened the session (GET /v1/route) may renew it: any other key gets 404, as for an unknown session.",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = SessionJson.RenewBody.class)))
    @APIResponse(responseCode = "200", description = "Renewed (or restored)",
            content = @Content(schema = @Schema(implementation = SessionJson.Renewed.class)))
    @APIResponse(responseCode = "400", description = "Not a session id, or only one of server and client; field names it")
    @APIResponse(responseCode = "404", description = "No such session and not restorable: route again")
    public Response renew(@PathParam("session") String session, SessionJson.RenewBody body) {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        // a session another key opened is UNKNOWN to this one (decided after the input checks)
        RenewSession.Renewal r = routes.renew(session, body == null ? null : body.server(), body == null ? null : body.client(),
                caller.sessionOwner());
        if (r.outcome() == RenewSession.Outcome.UNKNOWN) return notFound(session);
        return Response.ok(new SessionJson.Renewed(session, r.server(), routes.settings().sessions().leaseMs(),
                r.outcome() == RenewSession.Outcome.RESTORED, r.serverLive())).build();
    }

    @DELETE
    @Operation(operationId = "releaseSession", summary = "End a session: its slot is free at once",
            description = "Called by the client, or by the server it was connected to, on disconnect. A SUBMITTER key releases only "
                    + "sessions it opened (404 otherwise, as for an unknown session); WORKER (the pool's servers) and OPERATOR keys any.",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "400", description = "Not a session id")
    @APIResponse(responseCode = "404", description = "No such session (already released, or expired)")
    public Response release(@PathParam("session") String session) {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        // the key that opened it; or a server's (WORKER) or operator's key, as servers release on their clients' disconnect
        if (caller.role() == Role.SUBMITTER && !SessionIds.heldBy(session, caller.sessionOwner())) return notFound(session);
        return routes.release(session).isPresent() ? Response.noContent().build() : notFound(session);
    }

    private static Response notFound(String session) {
        return Response.status(404).entity(new ErrorJson("no session " + session, "session")).build();
    }
}
