package io.costq.api;

/** The answer to a submit that has not finished (yet). */
public record AcceptedJson(String id, String status, int costClass, long estimateMs, boolean duplicate) {
}
