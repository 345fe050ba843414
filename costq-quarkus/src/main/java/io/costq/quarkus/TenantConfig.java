package io.costq.quarkus;

import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/** A tenant's limits: {@code costq.tenants.<tenant>.*} (issue 17 item 6; docs/tenants.md). */
public interface TenantConfig {
    /**
     * Most QUEUED or SCHEDULED jobs the tenant may have; a submit beyond it answers 429 with Retry-After and stores
     * nothing. Unset: no cap (and no cost at submit).
     */
    OptionalInt maxQueued();

    /** The Retry-After (seconds) of a submit refused by the cap. */
    @WithDefault("1")
    int retryAfterSeconds();
}
