package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.client.CostqClient;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dead list (operators). Cancel and retry live with the jobs in {@link JobsResource}. */
@Path("/v1")
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AdminResource {
    @Inject
    CostqClient client;
    @Inject
    Caller caller;

    @GET
    @Path("dead")
    @Operation(operationId = "listDeadJobs", summary = "Dead jobs, most recent first",
            extensions = @Extension(name = Docs.ROLES, value = "OPERATOR"))
    public List<JobJson> dead(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        caller.require(Role.OPERATOR);
        return client.dead(limit).stream().map(JobJson::of).toList();
    }
}
