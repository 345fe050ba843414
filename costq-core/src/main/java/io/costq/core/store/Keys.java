package io.costq.core.store;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The names of a partition's Redis keys and of the scheduler's channels. All keys of one partition share the hash
 * tag {@code {prefix:partition}}, so each Lua transition touches a single slot and the layout works unchanged on
 * Redis Cluster. Scripts build the keys of jobs, class queues, ordering keys and delivery channels themselves from
 * a declared key's tag, with the same names ({@code lua/lib/keys.lua}; {@code KeysTest} compares the two).
 * User-supplied parts (user ids, node ids, idempotency and ordering keys) are percent-encoded first, so no input
 * can reach another key.
 */
public final class Keys {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String tag;
    /** Channels are not keys: one set per scheduler, named under partition 0's tag whatever the partition. */
    private final String channelTag;

    public Keys(String prefix, int partition) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("key prefix must match " + PREFIX + ", was '" + prefix + "'");
        }
        if (partition < 0) throw new IllegalArgumentException("partition must be >= 0");
        this.tag = "{" + prefix + ":" + partition + "}";
        this.channelTag = "{" + prefix + ":0}";
    }

    public String tag() {
        return tag;
    }

    public String job(String id) {
        return tag + ":job:" + id;
    }

    /**
     * The queue of one cost class and job type: job ids scored by queued-at. A worker claims only from the queues of
     * the types it handles (type names are checked at submit: {@code [A-Za-z0-9._-]{1,64}}, nothing to encode).
     */
    public String queue(int costClass, String type) {
        return tag + ":q:" + costClass + ":" + type;
    }

    /** The job types that have had queued jobs in this partition (SET): where reports and reconciles look. */
    public String types() {
        return tag + ":types";
    }

    /** When each job type was last advertised by a live worker (HASH type -> ms), kept in partition 0. */
    public String typesSeen() {
        return tag + ":types:seen";
    }

    /** The FIFO of job ids of one ordering key; only its head may be queued or running. */
    public String orderingKey(String key) {
        return tag + ":ok:" + encode(key);
    }

    /** AWAITING_ACK jobs by ack deadline. */
    public String acks() {
        return tag + ":acks";
    }

    /** Permits of a delivery channel in use: job ids scored by lease deadline. */
    public String channelInUse(String channel) {
        return tag + ":ch:" + channel + ":inuse";
    }

    /** Jobs parked because their channel was full, scored by queued-at. */
    public String channelWaiting(String channel) {
        return tag + ":ch:" + channel + ":wait";
    }

    /** The delivery channels' settings the claims enforce: {@code #version}, and name -> "width rate paused". */
    public String channelSettings() {
        return tag + ":ch:settings";
    }

    /** The names of the channels that have (or had) parked jobs. */
    public String parkedChannels() {
        return tag + ":ch:names";
    }

    /**
     * Every job of the partition by queued-at (search): one entry per submit call, its jobs' ids separated by spaces,
     * scored by their queued-at; an entry none of whose jobs is left is trimmed lazily ({@link JobSearch}).
     */
    public String timeIndex() {
        return tag + ":idx";
    }

    /** RUNNING jobs scored by lease deadline. */
    public String running() {
        return tag + ":running";
    }

    /** SCHEDULED jobs (submitted with a delay), scored by when they are due. */
    public String scheduled() {
        return tag + ":scheduled";
    }

    /** Recurring schedules of this partition: names scored by their next fire (paused ones far in the future). */
    public String schedules() {
        return tag + ":sched:names";
    }

    /** A recurring schedule: its spec, next and last fire, last outcome. */
    public String schedule(String name) {
        return tag + ":sched:" + encode(name);
    }

    /** The jobs a schedule fired: ids scored by their tick, the newest kept. */
    public String scheduleJobs(String name) {
        return tag + ":sched:" + encode(name) + ":jobs";
    }

    /** Retries in backoff, scored by due time. */
    public String delayed() {
        return tag + ":delayed";
    }

    public String dead() {
        return tag + ":dead";
    }

    public String fence() {
        return tag + ":fence";
    }

    /** Counters: staleCompletions, leaseExpiries. */
    public String stats() {
        return tag + ":stats";
    }

    public String recentEstimates() {
        return tag + ":recent";
    }

    /** A run history of the default tenant: {@code hist:<subject>}. */
    public String history(String user) {
        return tag + ":hist:" + encode(user);
    }

    /** A run history of a tenant: {@code hist:<tenant>:<subject>} ({@link #tenantPart}); the default tenant's as above. */
    public String history(String tenant, String subject) {
        return tag + ":hist:" + tenantPart(tenant, subject);
    }

    /** An idempotency key of the default tenant: {@code idem:<key>}. */
    public String idempotency(String key) {
        return tag + ":idem:" + encode(key);
    }

    /** An idempotency key of a tenant: {@code idem:<tenant>:<key>}; the default tenant's as above. */
    public String idempotency(String tenant, String key) {
        return tag + ":idem:" + tenantPart(tenant, key);
    }

    /**
     * A name part namespaced by tenant: {@code <tenant>:<encoded raw>}, or just the encoded raw for the default tenant
     * (null or {@code default}: the layout before tenants, so the SDK's keys did not move). An encoded part never
     * holds ':' and a tenant name never does either, so no two (tenant, raw) pairs share a name.
     */
    public static String tenantPart(String tenant, String raw) {
        return tenant == null || tenant.equals(io.costq.core.job.Tenants.DEFAULT) ? encode(raw) : tenant + ":" + encode(raw);
    }

    /**
     * A capped tenant's jobs stored QUEUED or SCHEDULED (ZSET id by queued-at), in the tenant's partition; entries of
     * jobs that moved on are pruned when the cap is reached ({@code lua/lib/tenants.lua}). Tenant names need no encoding.
     */
    public String tenantPending(String tenant) {
        return tag + ":tq:" + tenant;
    }

    /** Node state; the directory and node hashes are kept in partition 0 (see {@link Partitions#global()}). */
    public String node(String nodeId) {
        return tag + ":node:" + encode(nodeId);
    }

    public String nodes() {
        return tag + ":nodes";
    }

    /** Nodes an operator asked to drain (HASH node id -> ms asked), kept in partition 0; read with each heartbeat. */
    public String drains() {
        return tag + ":drain";
    }

    /** The audit history of operators' job and node actions (LIST of JSON in the config history's form), partition 0. */
    public String actionHistory() {
        return tag + ":actions:history";
    }

    /** The live config's overrides (HASH key -> value), kept in partition 0. */
    public String configOverrides() {
        return tag + ":config";
    }

    public String configVersion() {
        return tag + ":config:version";
    }

    /** The audit history of config changes (LIST of JSON, newest first). */
    public String configHistory() {
        return tag + ":config:history";
    }

    /** Where a new config version is announced. */
    public String configChannel() {
        return tag + ":config:changed";
    }

    public String doneChannel() {
        return channelTag + ":done";
    }

    public String cancelChannel() {
        return channelTag + ":cancel";
    }

    public String wakeChannel() {
        return channelTag + ":wake";
    }

    /** Percent-encodes everything outside {@code [A-Za-z0-9._-]} byte by byte (UTF-8), so ids never add a separator. */
    public static String encode(String raw) {
        int i = 0;
        while (i < raw.length() && plain(raw.charAt(i))) i++;
        if (i == raw.length()) return raw; // the usual case (user names, ids): nothing to encode, nothing to copy
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (plain(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
