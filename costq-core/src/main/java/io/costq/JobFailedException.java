package io.costq;

import io.costq.core.job.JobState;

/** A job's result was asked for, but the job did not succeed (it failed, died, was cancelled or is not done yet). */
public class JobFailedException extends RuntimeException {
    private final String jobId;
    private final JobState status;

    public JobFailedException(String jobId, JobState status, String error) {
        super("job " + jobId + " is " + status + (error == null ? "" : ": " + error));
        this.jobId = jobId;
        this.status = status;
    }

    public String jobId() {
        return jobId;
    }

    public JobState status() {
        return status;
    }
}
