package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.route.AdmitSession;
import io.costq.core.route.RouteSettings;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The decision server: which server of a pool a client should connect to, with a session that holds the slot.
 * One Lua step in Redis decides, so every API instance gives the same answer.
 */
@Path("/v1/route")
@Tag(name = "route")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RouteResource {
    @Inject
    RouteService routes;
    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "routeClient", summary = "Route a client to a server of a pool and open its session",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"),
            description = "The client's own live session again; else the server it had within the sticky grace if it has room; "
                    + "else the live, not draining server with the lowest load fraction whose load stays within the pool's allowed load. "
                    + "The session is tied to the calling key, and client ids are per key: another key's client of the same id is another client.")
    @APIResponse(responseCode = "200", description = "The server and the session",
            content = @Content(schema = @Schema(implementation = RouteJson.class)))
    @APIResponse(responseCode = "400", description = "pool or client missing or malformed; field names it")
    @APIResponse(responseCode = "404", description = "No server ever joined the pool and nothing is configured or taught for it")
    @APIResponse(responseCode = "503", description = "No live server of the pool has room (or Redis is away); Retry-After says when to ask again",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    public Response route(@Parameter(description = "The pool: A-Z a-z 0-9 . _ -, up to 64", required = true,
                                  schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 64)) @QueryParam("pool") String pool,
                          @Parameter(description = "The client's id (up to 200 characters)", required = true,
                                  schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @QueryParam("client") String client) {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        RouteSettings s = routes.settings();
        AdmitSession.Outcome out = routes.route(pool, client, caller.sessionOwner());
        if (out instanceof AdmitSession.Admitted a) return Response.ok(RouteJson.of(pool, a, s.sessions().leaseMs(), a.allowedLoad())).build();
        if (out instanceof AdmitSession.UnknownPool && !s.configures(pool)) {
            return Response.status(404).entity(new ErrorJson("no pool " + pool + ": no server has joined it", "pool")).build();
        }
        int live = out instanceof AdmitSession.Full f ? f.liveServers() : 0;
        String why = live == 0 ? "no live server in pool " + pool
                : "no server of pool " + pool + " (" + live + " live) has room under its allowed load";
        return Response.status(503).header("Retry-After", String.valueOf(s.sessions().retryAfterSeconds()))
                .entity(new ErrorJson(why, "pool")).build();
    }
}
