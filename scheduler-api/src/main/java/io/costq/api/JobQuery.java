package io.costq.api;

import io.costq.api.auth.Caller;
import io.costq.core.InvalidInputException;
import io.costq.core.job.JobFilter;
import io.costq.core.job.JobState;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The job filter of a search and of the bulk actions: {@code ?status=&user=&type=&costClass=&since=&tenant=}. */
public class JobQuery {
    @QueryParam("status")
    @Parameter(description = "Only jobs in this state (as they are now)", schema = @Schema(ref = "JobState"), example = "DEAD")
    JobState status;

    @QueryParam("user")
    @Parameter(description = "Only this user's jobs", example = "u1")
    String user;

    @QueryParam("type")
    @Parameter(description = "Only jobs of this type", example = "sleep")
    String type;

    @QueryParam("costClass")
    @Min(0)
    @Max(63)
    @Parameter(description = "Only jobs filed in this cost class", example = "2")
    Integer costClass;

    @QueryParam("since")
    @Parameter(description = "Only jobs queued at or after this time: ISO-8601 (2026-12-05T10:00:00Z) or epoch ms",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING), example = "2026-12-05T10:00:00Z")
    String since;

    @QueryParam("tenant")
    @Parameter(description = "Only this tenant's jobs (operators; a submitter's search is always its own tenant's)", example = "acme")
    String tenant;

    /** The filter; a submitter's is narrowed to its tenant's jobs whatever it asked. */
    public JobFilter filter(Caller caller) {
        JobFilter f = JobFilter.ANY.withStatus(status).withUser(blankToNull(user)).withType(blankToNull(type))
                .withCostClass(costClass).withSince(sinceMs());
        return f.withTenant(caller.isOperator() ? blankToNull(tenant) : caller.tenant());
    }

    private Long sinceMs() {
        String s = blankToNull(since);
        if (s == null) return null;
        try {
            return s.chars().allMatch(Character::isDigit) && s.length() < 19 ? Long.parseLong(s) : Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException("since", "since must be an ISO-8601 time (2026-12-05T10:00:00Z) or epoch ms");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
