package io.costq.core.client;

/**
 * A job type as the cluster sees it: jobs of it waiting (over every class and partition), the oldest one's age, and
 * when a worker last advertised it (null: never; a type no live worker handles waits until one does).
 */
public record TypeView(String type, long queued, long oldestAgeMs, Long lastAdvertisedMsAgo) {
}
