package io.costq.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.client.Schedules;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recurring schedules: operators write them; submitters and operators read them. Delegates to {@link Schedules}. */
@Path("/v1/schedules")
@Tag(name = "schedules")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SchedulesResource {
    @Inject
    Schedules schedules;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putSchedule", summary = "Create or replace a recurring schedule",
            description = "Every tick makes exactly one job cluster-wide. A replaced schedule keeps its next fire and "
                    + "history while its cron and timezone are unchanged; a paused one stays paused.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Replaced: the schedule", content = @Content(schema = @Schema(implementation = ScheduleJson.View.class)))
    @APIResponse(responseCode = "201", description = "Created: the schedule", content = @Content(schema = @Schema(implementation = ScheduleJson.View.class)))
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleJson.Body.class)))
    public Response put(@PathParam("name") String name, String raw) throws JsonProcessingException {
        caller.require(Role.OPERATOR);
        ScheduleJson.Body body = raw == null || raw.isBlank() ? null : json.readValue(raw, ScheduleJson.Body.class);
        if (body == null) throw new InvalidInputException("body", "a JSON object with cron and job is required");
        Schedules.Put put = schedules.put(body.toSpec(name));
        return Response.status(put.created() ? 201 : 200).entity(ScheduleJson.View.of(put.schedule())).build();
    }

    @GET
    @Operation(operationId = "listSchedules", summary = "Every recurring schedule, by name",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "The schedules",
            content = @Content(schema = @Schema(implementation = ScheduleJson.View.class, type = SchemaType.ARRAY)))
    public List<ScheduleJson.View> list() {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        return schedules.list().stream().map(ScheduleJson.View::of).toList();
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getSchedule", summary = "A recurring schedule: spec, next and last fire, last outcome",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR"))
    @APIResponse(responseCode = "200", description = "The schedule", content = @Content(schema = @Schema(implementation = ScheduleJson.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("name") String name) {
        caller.require(Role.SUBMITTER, Role.OPERATOR);
        return schedules.get(name).map(v -> Response.ok(ScheduleJson.View.of(v)).build()).orElseGet(() -> notFound(name));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteSchedule", summary = "Delete a recurring schedule (the jobs it made stay)",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("name") String name) {
        caller.require(Role.OPERATOR);
        return schedules.delete(name) ? Response.noContent().build() : notFound(name);
    }

    @POST
    @Path("{name}/pause")
    @Operation(operationId = "pauseSchedule", summary = "Pause a recurring schedule: no tick fires until it is resumed",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Paused (or already paused): the schedule",
            content = @Content(schema = @Schema(implementation = ScheduleJson.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response pause(@PathParam("name") String name) {
        caller.require(Role.OPERATOR);
        return schedules.pause(name).map(v -> Response.ok(ScheduleJson.View.of(v)).build()).orElseGet(() -> notFound(name));
    }

    @POST
    @Path("{name}/resume")
    @Operation(operationId = "resumeSchedule", summary = "Resume a paused schedule from its next tick (ticks passed while paused are not caught up)",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Running (or already running): the schedule",
            content = @Content(schema = @Schema(implementation = ScheduleJson.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response resume(@PathParam("name") String name) {
        caller.require(Role.OPERATOR);
        return schedules.resume(name).map(v -> Response.ok(ScheduleJson.View.of(v)).build()).orElseGet(() -> notFound(name));
    }

    private static Response notFound(String name) {
        return Response.status(404).entity(new ErrorJson("no schedule " + name, "name")).build();
    }
}
