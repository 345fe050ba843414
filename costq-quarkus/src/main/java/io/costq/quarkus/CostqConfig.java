package io.costq.quarkus;

import io.costq.model.ClassifierSettings;
import io.costq.model.WeightScheme;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an operator tunes, under {@code costq.*}. Each property has a default; environment variables work
 * as usual ({@code COSTQ_REDIS_URL}, {@code COSTQ_POLICY_CPU_THRESHOLD}, ...). Converted into validated core
 * settings by {@link SettingsFactory}; nonsense values stop the start-up with a message naming the property.
 */
@ConfigMapping(prefix = "costq")
public interface CostqConfig {

    Redis redis();

    /** Prefix of every Redis key (letters, digits, '.', '_', '-'); instances sharing it share one scheduler. */
    @WithDefault("costq")
    String keyPrefix();

    /**
     * Key partitions P (1..1024), each under its own hash tag, so on Redis Cluster they spread over the primaries.
     * A job goes to its ordering key's partition, else its user's (CRC32 mod P). Every API and worker instance must
     * use the same value; changing it needs a drained scheduler (README, "Running on Redis Cluster").
     */
    @WithDefault("1")
    int partitions();

    Estimator estimator();

    Classes classes();

    Policy policy();

    Jobs jobs();

    Lease lease();

    Retry retry();

    Worker worker();

    Auth auth();

    /** Per tenant, {@code costq.tenants.<tenant>.max-queued} and its Retry-After; a tenant not named here has no cap. */
    Map<String, TenantConfig> tenants();

    RouteConfig route();

    Delivery delivery();

    /** Lanes by name, {@code costq.lanes.<name>.offset-ms}; interactive (0) and batch (3600000) unless configured. */
    Map<String, TimeConfig.Lane> lanes();

    /** The lane of a job submitted without one. */
    @WithDefault("interactive")
    String defaultLane();

    /** Delayed jobs and recurring schedules. */
    TimeConfig.Schedules schedules();

    Http http();

    /** The built-in {@code http} job type. */
    interface Http {
        /**
         * Downstream hosts the http type may POST to: a host name or IP as the URL writes it, optionally with
         * {@code :port} (only that port), {@code *.example.com} (its subdomains) or {@code *} (any). Unset: loopback
         * hosts while API keys are off ({@code costq.auth.enabled=false}, the loopback dev mode of {@code ./costq up}),
         * else none. Checked at submit (400 naming payload.url) and by the worker before each call.
         */
        Optional<List<String>> allowedHosts();
    }

    Types types();

    /** Which job types the API accepts: those declared here, and those a worker advertised within the window. */
    interface Types {
        /** Types accepted whether or not a worker handles them now (their jobs wait for one), e.g. noop,sleep. */
        Optional<List<String>> declared();

        /** A type a worker advertised (heartbeat) within this many ms is accepted; older ones answer 400. */
        @WithDefault("30000")
        long advertisedWindowMs();
    }

    /**
     * Ordered delivery and delivery channels. A channel is declared by its width, e.g.
     * {@code costq.delivery.channels.sms.max-concurrency=4} and optionally
     * {@code costq.delivery.channels.sms.rate-per-second=20}; jobs name it in {@code "channel"}.
     */
    interface Delivery {
        /** How long a job submitted with awaitAck waits for its ack before it counts as sent, in ms. */
        @WithDefault("30000")
        long ackTimeoutMs();

        /** Named delivery channels. */
        Map<String, Channel> channels();

        /** Channels whose jobs are held back (they stay queued) until resumed; live, like every channel setting. */
        Optional<List<String>> pausedChannels();

        interface Channel {
            /** The channel's width: runs at once across all nodes. */
            int maxConcurrency();

            /** Runs started per second across all nodes; 0 = no rate limit. */
            @WithDefault("0")
            double ratePerSecond();
        }
    }

    interface Redis {
        /** Redis URL: {@code redis://host:port}, {@code rediss://} for TLS, {@code redis://:password@host:port}. */
        @WithDefault("redis://127.0.0.1:6379")
        String url();

        /** Password, when not in the URL (never logged). */
        Optional<String> password();

        /** Connections in the pool. */
        @WithDefault("64")
        int poolSize();

        /** {@code single} (one server at {@code url}), {@code cluster} (Redis Cluster) or {@code sentinel}. */
        @WithDefault("single")
        String mode();

        /** Cluster seed nodes, or the sentinels: {@code host:port,host:port} (TLS when {@code url} is rediss://). */
        Optional<List<String>> nodes();

        /** Sentinel mode: the name of the monitored primary. */
        Optional<String> masterName();

        /**
         * Replicas that must have a submit's write (Redis WAIT) before the API answers 202; 0 = answer at once.
         * Fewer within {@code wait-timeout-ms} answers 503: the submit is not acknowledged.
         */
        @WithDefault("0")
        int waitReplicas();

        /** How long a submit waits for {@code wait-replicas}, in ms. */
        @WithDefault("1000")
        long waitTimeoutMs();
    }

    interface Estimator {
        /** How many of a user's newest runs are averaged. */
        @WithDefault("10")
        int window();

        /** LINEAR (weights N..1, the seed's), EXPONENTIAL (decay^i) or EXPLICIT (the weights list). */
        @WithDefault("LINEAR")
        WeightScheme scheme();

        /** Decay factor of the EXPONENTIAL scheme, in (0, 1]. */
        @WithDefault("0.8")
        double decay();

        /** Weights of the EXPLICIT scheme, newest first. */
        Optional<List<Double>> weights();

        /** Estimate for a user without history when no type prior and no recent estimates exist. */
        @WithDefault("2000")
        long defaultPriorMs();

        /** Per job type, the estimate for a user without history, e.g. {@code costq.estimator.type-priors.report=9000}. */
        Map<String, Long> typePriors();
    }

    interface Classes {
        /** Number of cost classes K; class 0 is the cheapest. */
        @WithDefault("4")
        int count();

        /** FIXED bounds, or ADAPTIVE bounds at the 1/K..(K-1)/K quantiles of recent estimates. */
        @WithDefault("FIXED")
        ClassifierSettings.Mode mode();

        /** The K-1 upper bounds in ms, strictly increasing (also the adaptive mode's fallback). */
        @WithDefault("2000,5000,10000")
        List<Long> boundsMs();

        /** Adaptive mode keeps the fixed bounds until this many recent estimates exist. */
        @WithDefault("100")
        int minSamples();

        /** How often the recent estimates (and adaptive bounds) are re-read, in ms. */
        @WithDefault("5000")
        long refreshMs();

        /**
         * Paused cost classes (live, e.g. through {@code POST /v1/queues/2/pause}): no worker claims from them; they
         * keep taking submits. Each in 0..count-1.
         */
        Optional<List<Integer>> paused();
    }

    /** The pull rule; the defaults come from the simulator's scenario matrix (docs/scheduling.md), not the seed's 80 %. */
    interface Policy {
        /** A node takes work while its busy cores (CPU meter, corrected for its lag) stay below this share of its cores. */
        @WithDefault("0.95")
        double cpuThreshold();

        /** Never more running tasks than this on one node (downstream-bound work needs many per core). */
        @WithDefault("256")
        int maxTasks();

        /** A node whose cores are busy still takes a job estimated at most this (too small to crowd them), in ms; 0 = off. */
        @WithDefault("5")
        long fillInMaxMs();

        /** Optional thread gate: at most this x cores running tasks, blocked ones included; 0 = off. */
        @WithDefault("0")
        double slotsPerCore();

        /**
         * A queue head that has waited this long goes first (so does one whose wait plus 1.5 × its estimate reaches
         * {@code projected-ms}), the latest first, in ms; 0 = off (both lines). 32000: the simulator's scenario matrix
         * (docs/scheduling.md).
         */
        @WithDefault("32000")
        long starvationMs();

        /**
         * The second line: a head whose wait plus 1.5 × its estimate reaches this goes first too, so a long job starts
         * while it can still end within the tail's bounds, in ms; 0 = off. 42000: the matrix; later buys mean with
         * tail (docs/scheduling.md, "the busy hour's frontier").
         */
        @WithDefault("42000")
        long projectedMs();

        /** A node measurably slower than the fleet leaves heads younger than this to faster nodes, in ms; 0 = off. */
        @WithDefault("10")
        long deferMs();

        /** How long a node waits before asking again when it decides not to pull, in ms. */
        @WithDefault("100")
        long idleWaitMs();
    }

    interface Jobs {
        /** Largest accepted payload, in bytes of JSON. */
        @WithDefault("65536")
        int payloadMaxBytes();

        /** Attempts per job unless the job says otherwise. */
        @WithDefault("3")
        int maxAttempts();

        /** A run is interrupted after this many ms unless the job says otherwise. */
        @WithDefault("300000")
        long timeoutMs();

        /** Finished jobs stay readable this many ms. */
        @WithDefault("86400000")
        long retentionMs();

        /** A repeated idempotency key returns the first job within this many ms. */
        @WithDefault("86400000")
        long idempotencyWindowMs();

        /** How many recent estimates feed the cold-start median and the adaptive bounds. */
        @WithDefault("1000")
        int recentEstimatesCap();

        /** Longest {@code waitMs} a submit may ask for. */
        @WithDefault("60000")
        long maxWaitMs();

        /**
         * Job types run by workers in other languages, over the HTTP worker protocol ({@code POST
         * /v1/workers/{node}/claim}): the API accepts submits of these types, with any JSON object as payload.
         */
        Optional<java.util.List<String>> remoteTypes();
    }

    interface Lease {
        /** How long a claim holds without renewal, in ms. */
        @WithDefault("30000")
        long leaseMs();

        /** How often a node renews its leases, in ms (at most half the lease). */
        @WithDefault("5000")
        long renewEveryMs();

        /** How often expired leases are looked for, in ms. */
        @WithDefault("1000")
        long reapEveryMs();
    }

    interface Retry {
        /** Backoff before the second attempt, in ms; doubles per attempt, with jitter. */
        @WithDefault("1000")
        long baseMs();

        /** Longest backoff, in ms. */
        @WithDefault("60000")
        long maxMs();
    }

    /**
     * API keys of the scheduler-api. Keys are configured only as SHA-256 hashes (hex) with a role, e.g.
     * {@code costq.auth.keys.portal.sha256=<hex>} and {@code costq.auth.keys.portal.role=SUBMITTER}; the plain key
     * is sent as {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}. Hash one with
     * {@code printf %s "$KEY" | sha256sum}.
     */
    interface Auth {
        /**
         * Whether /v1 requests need a key. May be false only while HTTP is bound to a loopback address (the local
         * all-in-one, {@code ./costq up}); start-up fails otherwise.
         */
        @WithDefault("true")
        boolean enabled();

        /** Named keys; the name is recorded as the owner of the jobs a key submits. */
        Map<String, Key> keys();

        interface Key {
            /** SHA-256 of the key, hex. */
            String sha256();

            /** SUBMITTER (submit, its tenant's jobs), OPERATOR (everything) or WORKER (node endpoints, acks). */
            String role();

            /**
             * The tenant a SUBMITTER key submits, reads and acks for ({@code [A-Za-z0-9._-]{1,64}}); unset: a tenant
             * named after the key. An OPERATOR key's submits go to this tenant ({@code default} when unset) but it
             * sees every tenant. Not for WORKER keys (see tenants).
             */
            Optional<String> tenant();

            /** The tenants a WORKER key (a webhook server) acks for; unset: every tenant. Only for WORKER keys. */
            Optional<java.util.List<String>> tenants();
        }
    }

    interface Worker {
        /** Whether this process pulls and runs jobs. */
        @WithDefault("true")
        boolean enabled();

        /** Node id in the directory; defaults to host name + process id. */
        Optional<String> nodeId();

        /** Hard cap on concurrent tasks on this node. */
        @WithDefault("32")
        int maxTasks();

        /** Processors the policy assumes; defaults to the JVM's available processors. */
        Optional<Integer> cores();

        /** How often the node publishes its state, in ms. */
        @WithDefault("1000")
        long heartbeatMs();

        /** Node state expires unless refreshed within this many ms. */
        @WithDefault("3000")
        long nodeTtlMs();

        /** SYSTEM (the machine's CPU, smoothed) or SIMULATED (own running tasks / cores, for replays on one machine). */
        @WithDefault("SYSTEM")
        CpuSource cpuSource();

        /** On shutdown, how long running tasks may finish before they are left to their leases, in ms. */
        @WithDefault("30000")
        long graceMs();

        /** The URI under which this node is reachable, published in the directory. */
        Optional<String> uri();

        /** Most jobs one claim takes (one round trip), when the pick policy would take them all. */
        @WithDefault("16")
        int claimBatch();

        /** The job types this node runs, of those it has handlers for (built-ins and beans); default: all of them. */
        Optional<List<String>> types();

        /** When set, a file this node appends one JSON line to per run start and end (audit, chaos checks). */
        Optional<String> executionLog();

        enum CpuSource { SYSTEM, SIMULATED }
    }
}
