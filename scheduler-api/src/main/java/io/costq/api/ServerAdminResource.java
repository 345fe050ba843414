package io.costq.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.route.TeachServer;
import io.costq.core.route.Teaching;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the admin teaches the decision server about a pool's servers (operators), and who taught what when. */
@Path("/v1/servers/{pool}")
@Tag(name = "servers")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ServerAdminResource {
    @Inject
    RouteService routes;
    @Inject
    Caller caller;

    @PUT
    @Path("{server}/admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "teachServer", summary = "Teach a server's capacity (a cap on what it reports and what is learned), pin it, drain it",
            description = "Fields left out stay as they are; live at once on every API instance; audited.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "What is taught now and the pool's audit version",
            content = @Content(schema = @Schema(implementation = ServerJson.Taught.class)))
    @APIResponse(responseCode = "400", description = "Invalid pool, server id or value, nothing to teach, or pinned without a capacity; field names it")
    public ServerJson.Taught teach(@PathParam("pool") String pool, @PathParam("server") String server, ServerJson.Teach body) {
        caller.require(Role.OPERATOR);
        if (body == null) throw new InvalidInputException("body", "a JSON object with capacity, pinned or draining is required");
        Teaching t = Teaching.NOTHING.withPinned(body.pinned()).withDraining(body.draining());
        if (body.capacity() != null) t = t.withCapacity(capacity(body.capacity()));
        TeachServer.Taught r = routes.teach(pool, server, t, caller.name());
        return new ServerJson.Taught(r.version(), r.taught().capacity(), r.taught().pinned(), r.taught().draining());
    }

    @GET
    @Path("history")
    @Operation(operationId = "poolHistory", summary = "The admin's changes to the pool's servers, newest first: version, who, when, old -> new",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "The changes",
            content = @Content(schema = @Schema(implementation = ConfigResource.HistoryJson.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Invalid pool or limit; field names it")
    public List<ConfigResource.HistoryJson> history(@PathParam("pool") String pool,
                                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        caller.require(Role.OPERATOR);
        return routes.history(pool, limit).stream()
                .map(e -> new ConfigResource.HistoryJson(e.version(), e.who(), Instant.ofEpochMilli(e.atMs()).toString(), e.changes())).toList();
    }

    /** A JSON null forgets the taught capacity; otherwise a whole number. */
    private static Integer capacity(JsonNode n) {
        if (n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new InvalidInputException("capacity", "capacity must be a whole number or null");
        return n.intValue();
    }
}
