package io.costq.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an ack that was taken (the refusals are errors: 404, 409). */
@Schema(name = "AckResult")
public record AckJson(
        String id,
        @Schema(enumeration = {"ACKED", "RECORDED_EARLY", "DUPLICATE"}, description = "ACKED: the job is SUCCEEDED and "
                + "its key's next job released; RECORDED_EARLY: it has not finished running and will end SUCCEEDED at "
                + "once; DUPLICATE: already acked or timed out, nothing changed") String outcome) {
}
