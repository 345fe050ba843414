package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.route.RouteInput;
import io.costq.core.route.ServerReport;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Servers of any pool (costq's own or not) join with a heartbeat lease, leave, and are shown with their capacity. */
@Path("/v1/servers/{pool}")
@Tag(name = "servers")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ServersResource {
    @Inject
    RouteService routes;
    @Inject
    Caller caller;

    @PUT
    @Path("{server}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerServer", summary = "Join a pool, or renew the registration (the server's heartbeat)",
            description = "Send it every leaseMs / 3; a server not heard from for leaseMs gets no sessions.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR,WORKER"))
    @APIResponse(responseCode = "200", description = "Registered: its sessions, load and the capacity the decision uses",
            content = @Content(schema = @Schema(implementation = ServerJson.Registered.class)))
    @APIResponse(responseCode = "400", description = "Invalid pool, server id, uri or figure; field names it")
    public ServerJson.Registered register(@PathParam("pool") String pool, @PathParam("server") String server, ServerJson.Body body) {
        caller.require(Role.OPERATOR, Role.WORKER);
        RouteInput.pool(pool);
        if (body == null) throw new InvalidInputException("body", "a JSON object with uri is required");
        ServerReport report = new ServerReport(server, body.uri(), body.capacity(), RouteInput.load(body.load()), body.utilization(),
                Boolean.TRUE.equals(body.draining()));
        return ServerJson.Registered.of(pool, server, routes.settings().servers().leaseMs(), routes.register(pool, report));
    }

    @DELETE
    @Path("{server}")
    @Operation(operationId = "leaveServer", summary = "Leave a pool: no more sessions",
            description = "Its sessions end as their clients release them, ask again (re-routed) or stop renewing.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR,WORKER"))
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "400", description = "Invalid pool or server id")
    @APIResponse(responseCode = "404", description = "Not registered")
    public Response leave(@PathParam("pool") String pool, @PathParam("server") String server) {
        caller.require(Role.OPERATOR, Role.WORKER);
        if (routes.leave(pool, server)) return Response.noContent().build();
        return Response.status(404).entity(new ErrorJson("server " + server + " is not in pool " + pool, "server")).build();
    }

    @GET
    @Operation(operationId = "readPool", summary = "A pool's servers: live, draining, sessions, load, and capacity reported, learned, taught and used",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR,WORKER"))
    @APIResponse(responseCode = "200", description = "The pool", content = @Content(schema = @Schema(implementation = ServerJson.Pool.class)))
    @APIResponse(responseCode = "400", description = "Invalid pool")
    @APIResponse(responseCode = "404", description = "Nothing known about the pool")
    public Response pool(@PathParam("pool") String pool) {
        caller.require(Role.OPERATOR, Role.WORKER);
        return routes.view(pool).map(v -> Response.ok(ServerJson.Pool.of(v)).build())
                .orElseGet(() -> Response.status(404).entity(new ErrorJson("no pool " + pool + ": no server has joined it", "pool")).build());
    }
}
