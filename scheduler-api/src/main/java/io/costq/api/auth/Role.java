package io.costq.api.auth;

/** What an API key may do. */
public enum Role {
    /** Submit jobs and read, cancel and wait for its own jobs; read estimates and queues. */
    SUBMITTER,
    /** Everything: any job, retries, the dead list, nodes, config. */
    OPERATOR,
    /** Node endpoints: the node directory and queues. */
    WORKER
}
