package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.client.CostqClient;
import io.costq.quarkus.LiveConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Holding work back, live: pause and resume a cost class (the live config's {@code costq.classes.paused}, so it is
 * versioned and audited like any config change, and every worker honours it within about a second) or a delivery
 * channel ({@code costq.delivery.paused-channels}: stored with the channel settings the claims read, so no worker
 * starts its jobs from the moment the change is stored), and drain a node (it reads the flag with its heartbeat:
 * stops pulling, finishes its runs; audited with the job actions).
 */
@Path("/v1")
@Tag(name = "cluster")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OperateResource {
    static final String PAUSED = "costq.classes.paused";
    static final String PAUSED_CHANNELS = "costq.delivery.paused-channels";

    @Inject
    ConfigService config;
    @Inject
    LiveConfig live;
    @Inject
    JobActions actions;
    @Inject
    CostqClient client;
    @Inject
    Caller caller;

    @Schema(name = "NodeDrain")
    public record DrainJson(@Schema(examples = "worker-1-4242") String id,
                            @Schema(description = "Whether the node is asked to drain; /v1/nodes shows draining once the node has seen it (its next heartbeat)")
                            boolean drainRequested) {
    }

    @POST
    @Path("queues/{costClass}/pause")
    @Operation(operationId = "pauseClass", summary = "Pause a cost class: no worker claims from it (it still takes submits)",
            description = "Sets the live config key costq.classes.paused: versioned, audited in GET /v1/config/history.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "The config version that pauses it",
            content = @Content(schema = @Schema(implementation = ConfigResource.UpdatedJson.class)))
    @APIResponse(responseCode = "400", description = "costClass is not a class in force (field costClass)")
    public ConfigResource.UpdatedJson pause(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
            maximum = "63")) @PathParam("costClass") String costClass) {
        return setPaused(costClass, true);
    }

    @DELETE
    @Path("queues/{costClass}/pause")
    @Operation(operationId = "resumeClass", summary = "Resume a paused cost class",
            description = "Removes it from the live config key costq.classes.paused: versioned, audited.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "The config version that resumes it",
            content = @Content(schema = @Schema(implementation = ConfigResource.UpdatedJson.class)))
    @APIResponse(responseCode = "400", description = "costClass is not a class in force (field costClass)")
    public ConfigResource.UpdatedJson resume(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
            maximum = "63")) @PathParam("costClass") String costClass) {
        return setPaused(costClass, false);
    }

    /** The class is parsed after the role check (a path parameter the converters would refuse before it). */
    private ConfigResource.UpdatedJson setPaused(String raw, boolean pause) {
        caller.require(Role.OPERATOR);
        int classes = live.current().settings().costq().classes();
        int costClass;
        try {
            costClass = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            costClass = -1;
        }
        if (costClass < 0 || costClass >= classes) throw new InvalidInputException("costClass", "costClass must be in 0.." + (classes - 1));
        TreeSet<Integer> paused = new TreeSet<>(live.current().settings().pausedClasses());
        if (pause) paused.add(costClass); else paused.remove(costClass);
        return setList(PAUSED, paused);
    }

    @POST
    @Path("channels/{channel}/pause")
    @Operation(operationId = "pauseChannel", summary = "Pause a delivery channel: its jobs stay queued (parked), none starts",
            description = "Sets the live config key costq.delivery.paused-channels: versioned, audited in GET /v1/config/history; "
                    + "the claims read it from Redis, so it holds on every worker at once.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "The config version that pauses it",
            content = @Content(schema = @Schema(implementation = ConfigResource.UpdatedJson.class)))
    @APIResponse(responseCode = "404", description = "No channel of this name is configured")
    public ConfigResource.UpdatedJson pauseChannel(@PathParam("channel") String channel) {
        return setChannelPaused(channel, true);
    }

    @DELETE
    @Path("channels/{channel}/pause")
    @Operation(operationId = "resumeChannel", summary = "Resume a paused delivery channel: its parked jobs start as its width allows",
            description = "Removes it from the live config key costq.delivery.paused-channels: versioned, audited.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "The config version that resumes it",
            content = @Content(schema = @Schema(implementation = ConfigResource.UpdatedJson.class)))
    @APIResponse(responseCode = "404", description = "No channel of this name is configured")
    public ConfigResource.UpdatedJson resumeChannel(@PathParam("channel") String channel) {
        return setChannelPaused(channel, false);
    }

    private ConfigResource.UpdatedJson setChannelPaused(String channel, boolean pause) {
        caller.require(Role.OPERATOR);
        var channels = live.current().settings().costq().delivery().channels();
        if (!channels.containsKey(channel)) {
            throw new jakarta.ws.rs.WebApplicationException(Response.status(404).entity(new ErrorJson("no channel " + channel, "channel")).build());
        }
        TreeSet<String> paused = new TreeSet<>();
        channels.values().forEach(c -> {
            if (c.paused()) paused.add(c.name());
        });
        if (pause) paused.add(channel); else paused.remove(channel);
        return setList(PAUSED_CHANNELS, paused);
    }

    /** Sets a list-valued live key; an empty list is its start-up value (none paused): a reset. */
    private ConfigResource.UpdatedJson setList(String key, java.util.Collection<?> values) {
        String value = values.stream().map(String::valueOf).collect(Collectors.joining(","));
        java.util.Map<String, String> change = new java.util.HashMap<>();
        change.put(key, value.isEmpty() ? null : value);
        ConfigService.Result r = config.set(change, null, caller.name());
        return new ConfigResource.UpdatedJson(r.version(), r.changes());
    }

    @POST
    @Path("nodes/{node}/drain")
    @Operation(operationId = "drainNode", summary = "Drain a node: it stops pulling and finishes its runs",
            description = "The node reads the request with its next heartbeat (about a second); /v1/nodes then shows it "
                    + "draining. Audited (GET /v1/jobs/actions).", extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Asked", content = @Content(schema = @Schema(implementation = DrainJson.class)))
    @APIResponse(responseCode = "404", description = "No live node has this id")
    public Response drain(@PathParam("node") String node) {
        return setDrain(node, true);
    }

    @DELETE
    @Path("nodes/{node}/drain")
    @Operation(operationId = "undrainNode", summary = "Let a drained node pull again", description = "Audited.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Lifted", content = @Content(schema = @Schema(implementation = DrainJson.class)))
    @APIResponse(responseCode = "404", description = "No live node has this id")
    public Response undrain(@PathParam("node") String node) {
        return setDrain(node, false);
    }

    private Response setDrain(String node, boolean drain) {
        caller.require(Role.OPERATOR);
        if (client.nodes().stream().noneMatch(n -> n.id().equals(node))) {
            return Response.status(404).entity(new ErrorJson("no live node " + node, "node")).build();
        }
        actions.drain(node, drain, caller.name());
        return Response.ok(new DrainJson(node, drain)).build();
    }
}
