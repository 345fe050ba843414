package io.costq.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a job search. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "JobList", description = "A page of jobs, newest first (by queued-at, then id).")
public record JobListJson(
        @Schema(required = true, description = "The page's jobs; payload and runs are null here (read the job for them)") List<JobJson> jobs,
        @Schema(required = true, nullable = true, description = "Pass as cursor for the next page; null when there is none. "
                + "A page looks at no more than 2,000 jobs, so a sparse filter may answer a short (even empty) page that "
                + "still has a next cursor.", examples = "MTczMzQyMjQwMDAwMC4wMU04NVpIS0swSkQ3Sk1IWFhQWE4wS05OVg") String next) {
}
