package example.portal;

import io.costq.Costq;
import io.costq.JobHandle;
import io.costq.SubmitOptions;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;

/**
 * The portal's login: submits the user's {@code dashboard} job and waits for it up to {@code waitMs}; 200 with the
 * dashboard, or 202 with the job id when it is not ready yet (the page polls). Each user's estimate is their own
 * dashboards' run times, so a light user is never classed with an analyst's heavy dashboard.
 */
@Path("/login")
public class LoginResource {
    public record Login(String user) {
    }

    @Inject
    Costq costq;

    @POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Response login(Login login, @QueryParam("waitMs") Long waitMs) {
        if (login == null || login.user() == null || login.user().isBlank()) {
            return Response.status(400).entity(Map.of("error", "user is required", "field", "user")).build();
        }
        JobHandle job = costq.submit("dashboard", login.user(), Map.of("user", login.user()),
                SubmitOptions.builder().timeout(Duration.ofSeconds(30)).build());
        JobHandle now = job.await(Duration.ofMillis(waitMs == null ? 5_000 : Math.max(0, Math.min(waitMs, 30_000))));
        if (!now.isDone()) return Response.accepted(Map.of("jobId", job.id(), "status", now.status().name())).build();
        return Response.ok(Map.of("user", login.user(), "dashboard", now.resultJson(), "jobId", job.id())).build();
    }
}
