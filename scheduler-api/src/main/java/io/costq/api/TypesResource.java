package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.api.auth.Role;
import io.costq.core.client.CostqClient;
import io.costq.core.client.TypeView;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The job types: which are accepted, which a worker handles now, and what waits for one. */
@Path("/v1/types")
@Tag(name = "cluster")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TypesResource {
    @Inject
    CostqClient client;
    @Inject
    ClientProducer producer;
    @Inject
    Caller caller;

    /** A job type as the API shows it. */
    @Schema(name = "JobType", description = "A job type: its waiting jobs and whether the API accepts it now")
    public record TypeJson(
            @Schema(description = "The type's name") String type,
            @Schema(description = "Jobs of this type waiting in the queues (every class and partition)") long queued,
            @Schema(description = "Age of the oldest waiting job, ms (0 when none waits)") long oldestAgeMs,
            @Schema(nullable = true, description = "How long ago a worker last advertised it, ms; null: never. A type no "
                    + "live worker handles waits until one does") Long lastAdvertisedMsAgo,
            @Schema(description = "Declared in config (costq.types.declared): accepted without a worker") boolean declared,
            @Schema(description = "Whether POST /v1/jobs accepts it now (declared, or advertised within the window)") boolean accepted) {
    }

    @GET
    @Operation(operationId = "listTypes", summary = "Job types: declared, advertised by workers, or with waiting jobs",
            extensions = @Extension(name = Docs.ROLES, value = "SUBMITTER,OPERATOR,WORKER"))
    public List<TypeJson> types() {
        caller.require(Role.SUBMITTER, Role.OPERATOR, Role.WORKER);
        var gate = producer.types();
        TreeMap<String, TypeView> byName = new TreeMap<>();
        for (TypeView v : client.types()) byName.put(v.type(), v);
        for (String d : gate.declared()) byName.putIfAbsent(d, new TypeView(d, 0, 0, null));
        List<TypeJson> out = new ArrayList<>(byName.size());
        for (TypeView v : byName.values()) {
            out.add(new TypeJson(v.type(), v.queued(), v.oldestAgeMs(), v.lastAdvertisedMsAgo(), gate.declared().contains(v.type()),
                    gate.accepted(v.type())));
        }
        return out;
    }
}
