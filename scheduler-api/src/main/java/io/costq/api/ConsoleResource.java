package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.api.metrics.RecentSubmits;
import io.costq.core.CostqSettings;
import io.costq.core.client.CostqClient;
import io.costq.core.job.JobView;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read models of the operator console at /ui (operators): recent jobs and the settings in force. */
@Path("/v1/console")
@Tag(name = "console")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConsoleResource {
    @Inject
    CostqClient client;
    @Inject
    RecentSubmits recent;
    @Inject
    CostqSettings settings;
    @Inject
    Caller caller;

    @GET
    @Path("jobs")
    @Operation(operationId = "listRecentJobs", summary = "Recent jobs, newest first: those running anywhere plus the last ones this instance accepted",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public List<JobJson> jobs(@QueryParam("limit") @DefaultValue("30") @Min(1) @Max(100) int limit) {
        caller.require(Role.OPERATOR);
        Set<String> ids = new LinkedHashSet<>(client.running(limit));
        ids.addAll(recent.newest(limit));
        return ids.stream().map(client::get).flatMap(Optional::stream)
                .sorted(Comparator.comparing((JobView j) -> j.queuedAt() == null ? 0L : j.queuedAt()).reversed())
                .limit(limit).map(JobJson::of).toList();
    }

    @GET
    @Path("settings")
    @Operation(operationId = "getSettings", summary = "The settings this API instance runs with (read-only)",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public SettingsJson settings() {
        caller.require(Role.OPERATOR);
        return new SettingsJson(settings.describe(), settings);
    }

    /** The settings both as the one-line description logged at start-up and as structured values. */
    @Schema(name = "Settings")
    public record SettingsJson(
            String description,
            CostqSettings values) {
    }

    /** {@code /ui} to {@code /ui/}: static files answer only under the directory path. */
    @jakarta.inject.Singleton
    static class UiRedirect {
        void route(@jakarta.enterprise.event.Observes io.vertx.ext.web.Router router) {
            // a Vert.x route "/ui" also matches "/ui/", which must reach the static files
            router.get("/ui").handler(rc -> {
                if (rc.request().path().equals("/ui")) rc.redirect("/ui/");
                else rc.next();
            });
        }
    }
}
