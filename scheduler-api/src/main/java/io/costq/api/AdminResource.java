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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dead list (operators). Cancel and retry live with the jobs in {@link JobsResource}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AdminResource {
    @Inject
    CostqClient client;
    @Inject
    Caller caller;

    @GET
    @Path("dead")
    @Operation(summary = "Dead jobs, most recent first")
    public List<JobJson> dead(@QueryParam("limit") @DefaultValue("100") int limit) {
        caller.require(Role.OPERATOR);
        if (limit < 1 || limit > 1000) throw new io.costq.core.InvalidInputException("limit", "limit must be in 1..1000");
        return client.dead(limit).stream().map(JobJson::of).toList();
    }
}
