package io.costq.quarkus;

import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** The config groups of issue 18 (lanes, delayed jobs and recurring schedules), kept beside {@link CostqConfig}. */
public interface TimeConfig {

    /** A lane: {@code costq.lanes.<name>.offset-ms}. */
    interface Lane {
        /**
         * Added to a job's queued-at for its place in its class queue, ms: a job of this lane goes after jobs of a
         * lane with a smaller offset queued up to the difference later (batch waits at most this behind newer
         * interactive jobs).
         */
        @WithDefault("0")
        long offsetMs();
    }

    /** The API's timekeeper: delayed jobs promoted and schedule ticks fired by every API instance. */
    interface Schedules {
        /** Whether this API instance runs the timekeeper (any number may: each job and tick happens once). */
        @WithDefault("true")
        boolean enabled();

        /** How often it looks for due delayed jobs and schedule ticks, ms (a delayed job starts at most about this late). */
        @WithDefault("25")
        long tickMs();

        /** With {@code catchUp: none}, the latest due tick still fires when it is at most this late, ms. */
        @WithDefault("5000")
        long misfireMs();

        /** Jobs listed per schedule ({@code GET /v1/jobs?schedule=}), newest first. */
        @WithDefault("1000")
        int jobsKept();

        /**
         * Schedules this app puts (creates or replaces) at start-up when {@link #enabled()}:
         * {@code costq.schedules.declared.<name>.*}, beside the {@link CostqRecurring} handler beans.
         */
        Map<String, Declared> declared();
    }

    /** A recurring schedule declared in config: {@code costq.schedules.declared.<name>.cron=0 0 2 * * *} etc. */
    interface Declared {
        /** Spring (6 fields, seconds first), Quartz or classic 5-field cron. */
        String cron();

        /** An IANA zone. */
        @WithDefault("UTC")
        String timezone();

        /** {@code skip} (default) or {@code allow}. */
        Optional<String> overlap();

        /** {@code none}, {@code one} (default) or {@code all}. */
        Optional<String> catchUp();

        /** The type of the job each tick makes. */
        String jobType();

        /** The user the job is submitted as. */
        String jobUser();

        /** The job's payload, a JSON string (none: null). */
        Optional<String> jobPayload();
    }
}
