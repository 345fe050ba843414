package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.core.route.Route;
import io.costq.core.route.RouteClient;
import io.costq.core.route.RouteSettings;
import io.costq.model.Clock;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
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
import org.redisson.api.RedissonClient;

/**
 * The decision server: which node of a pool a client should use. The decision and its memory (sticky clients)
 * live in Redis, taken in one Lua step, so every API instance gives the same answer.
 */
@Path("/v1/route")
@Tag(name = "route")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RouteResource {
    @Inject
    RedissonClient redis;
    @Inject
    CostqClient client;
    @Inject
    LiveConfig live;
    @Inject
    Clock clock;
    @Inject
    Caller caller;

    private RouteClient routes;

    /** The node to use; load is its load fraction (load / capacity) as the decision saw it. */
    @Schema(name = "Route")
    public record RouteJson(String uri, String nodeId, double load, double allowedLoad, boolean sticky) {
    }

    @PostConstruct
    void init() {
        routes = new RouteClient(redis, client.keys());
    }

    @GET
    @Operation(operationId = "routeClient", summary = "Route a client to the least-loaded live node of a pool under its allowed load (sticky)",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    @APIResponse(responseCode = "200", description = "The node: uri, nodeId, load and allowedLoad fractions",
            content = @Content(schema = @Schema(implementation = RouteJson.class)))
    @APIResponse(responseCode = "503", description = "Every live node of the pool is at its allowed load, or none is live; "
            + "retry after Retry-After seconds (also while Redis is unreachable)",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    public Response route(@Parameter(description = "The pool: api, worker or a role nodes announce", required = true,
                                  schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 64)) @QueryParam("pool") String pool,
                          @Parameter(description = "The client's id; the same client gets the same node while it stays live",
                                  required = true, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @QueryParam("client") String clientId) {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        if (pool == null || pool.isBlank() || pool.length() > 64) throw new InvalidInputException("pool", "pool is required (1..64 characters)");
        if (clientId == null || clientId.isBlank() || clientId.length() > 200) {
            throw new InvalidInputException("client", "client is required (1..200 characters)");
        }
        RouteSettings settings = live.current().settings().route();
        double allowed = settings.allowedLoad(pool);
        RouteClient.Outcome out = routes.run(pool, clientId, clock.millis(), allowed, settings.stickyTtlMs());
        if (out.route().isEmpty()) {
            String why = out.liveNodes() == 0 ? "no live node in pool " + pool
                    : "every node of pool " + pool + " (" + out.liveNodes() + ") is at its allowed load " + allowed;
            return Response.status(503).header("Retry-After", String.valueOf(settings.retryAfterSeconds()))
                    .entity(new ErrorJson(why, "pool")).build();
        }
        Route r = out.route().get();
        return Response.ok(new RouteJson(r.uri(), r.nodeId(), r.loadFraction(), allowed, r.sticky())).build();
    }
}
