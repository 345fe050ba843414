package io.costq.api.workers;

import io.costq.core.types.JobType;
import io.costq.core.types.JobContext;

/**
 * A job type run by workers in other languages ({@code costq.jobs.remote-types}): the API accepts its submits with
 * any payload; its handler lives in the remote worker, so a Java node has none to run.
 */
public record RemoteJobType(String name) implements JobType {
    @Override
    public Object run(JobContext ctx) throws PermanentFailure {
        throw new PermanentFailure("job type '" + name + "' runs on workers over the HTTP worker protocol, not on a Java node");
    }
}
