package io.costq.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.InvalidInputException;
import io.costq.core.config.ConfigChange;
import io.smallrye.common.annotation.Blocking;
import io.costq.quarkus.LiveConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The live config: what is in force, changing it (operators), and who changed what when. */
@Path("/v1/config")
@Tag(name = "config")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConfigResource {
    @Inject
    ConfigService service;
    @Inject
    LiveConfig live;
    @Inject
    Caller caller;

    /** {@code set}: key to value (a string, number, list or null = back to the start-up value). */
    @Schema(name = "ConfigUpdate")
    public record UpdateBody(
            @Schema(required = true, description = "Key to value: a string, number or list of them; null resets the key "
                    + "to its start-up value") Map<String, JsonNode> set,
            @Schema(nullable = true, description = "Store only if this is still the current version (else 409)") Long expectedVersion) {
    }

    @Schema(name = "Config")
    public record ConfigJson(long version, Map<String, String> overrides, Map<String, String> effective, String description) {
    }

    @Schema(name = "ConfigUpdated")
    public record UpdatedJson(long version, List<ConfigChange> changes) {
    }

    @Schema(name = "ConfigHistoryEntry")
    public record HistoryJson(long version, @Schema(description = "The API key name that made the change") String who,
                              @Schema(format = "date-time") String at, List<ConfigChange> changes) {
    }

    @GET
    @Operation(operationId = "getConfig", summary = "The effective live settings on this instance, the operator's overrides and their version",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public ConfigJson get() {
        caller.require(Role.OPERATOR); // operators only: it names tenants, pools and hosts (workers read the config from Redis)
        LiveConfig.Applied a = live.current();
        return new ConfigJson(a.version(), a.overrides(), service.effective(a.overrides()),
                a.settings().costq().describe() + "; " + a.settings().route().describe());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateConfig", summary = "Change live settings", description = "Validated as at start-up, compare-and-set on expectedVersion "
            + "when given, audited, and in force on every node within about a second.",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    @APIResponse(responseCode = "200", description = "Stored: the new version and old -> new per key",
            content = @Content(schema = @Schema(implementation = UpdatedJson.class)))
    @APIResponse(responseCode = "400", description = "Unknown key or invalid value; field names the key")
    @APIResponse(responseCode = "409", description = "expectedVersion is no longer current")
    public UpdatedJson put(UpdateBody body) {
        caller.require(Role.OPERATOR);
        if (body == null || body.set() == null) throw new InvalidInputException("set", "a JSON object {\"set\": {key: value}} is required");
        Map<String, String> changes = new LinkedHashMap<>();
        body.set().forEach((k, v) -> changes.put(k, text(k, v)));
        ConfigService.Result r = service.set(changes, body.expectedVersion(), caller.name());
        return new UpdatedJson(r.version(), r.changes());
    }

    @GET
    @Path("history")
    @Operation(operationId = "listConfigHistory", summary = "Config changes, newest first: version, who (API key name), when, old -> new per key",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public List<HistoryJson> history(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        caller.require(Role.OPERATOR);
        return service.history(limit).stream()
                .map(e -> new HistoryJson(e.version(), e.who(), Instant.ofEpochMilli(e.atMs()).toString(), e.changes())).toList();
    }

    @ServerExceptionMapper
    public Response conflict(ConfigService.VersionConflict e) {
        return Response.status(409).entity(new ErrorJson(e.getMessage(), "expectedVersion")).build();
    }

    private static String text(String key, JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isArray()) {
            List<String> parts = new java.util.ArrayList<>();
            for (JsonNode x : v) parts.add(x.asText());
            return String.join(",", parts);
        }
        if (v.isObject()) throw new InvalidInputException(key, key + " takes a string, number or list");
        return v.asText();
    }
}
