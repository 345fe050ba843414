package io.costq.api;

import io.costq.core.client.CostqClient;
import io.costq.core.client.NodeView;
import io.costq.core.client.QueueView;
import io.costq.core.client.UserEstimate;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read-only views: a user's estimate, the class queues, the nodes. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReadResource {
    @Inject
    CostqClient client;

    @GET
    @Path("users/{user}/estimate")
    @Operation(summary = "A user's run history (newest first), estimate and cost class")
    public UserEstimate estimate(@PathParam("user") String user) {
        return client.estimate(user);
    }

    @GET
    @Path("queues")
    @Operation(summary = "Every cost class queue: depth, age of its oldest job, upper bound of the class")
    public List<QueueView> queues() {
        return client.queues();
    }

    @GET
    @Path("nodes")
    @Operation(summary = "Live nodes as their last heartbeat described them")
    public List<NodeView> nodes() {
        return client.nodes();
    }
}
