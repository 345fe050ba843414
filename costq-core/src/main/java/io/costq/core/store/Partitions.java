package io.costq.core.store;

import io.costq.core.ClusterSettings;
import io.costq.core.Ids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The P key partitions of one scheduler: partition p's keys share the hash tag {@code {prefix:p}}, so every
 * transition (one Lua script) touches one slot of a Redis Cluster.
 * <p>The rule: a job lives in the partition of its delivery channel when it has one (all of a channel's permits
 * in one place, so its width holds cluster-wide); else, for a tenant other than the default, in the tenant's
 * partition (its jobs and histories together, so its queued-jobs cap is checked by the one script that stores them);
 * else in its ordering key's partition when it has one (all jobs of a key together, so per-key order is kept by one
 * script; a key whose jobs all name the same channel, or none, keeps it); else in its user's partition. A user's run
 * history lives in the user's partition (the tenant's, for a tenant other than the default). All are CRC32 of the
 * UTF-8 text mod P, so every process computes the same answer. The partition is written into the job id
 * ({@link Ids}), so a job is found from its id alone. Scheduler-wide keys (node directory, live config, routes) stay
 * in partition 0 ({@link #global()}). With P = 1 (the default) all of this is one partition.
 */
public final class Partitions {
    private final List<Keys> keys;

    public Partitions(String prefix, int count) {
        if (count < 1 || count > ClusterSettings.MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be in 1.." + ClusterSettings.MAX_PARTITIONS);
        }
        List<Keys> all = new ArrayList<>(count);
        for (int p = 0; p < count; p++) all.add(new Keys(prefix, p));
        this.keys = List.copyOf(all);
    }

    public int count() {
        return keys.size();
    }

    public Keys keys(int partition) {
        return keys.get(partition);
    }

    public List<Keys> all() {
        return keys;
    }

    /** Partition 0: the node directory, live config and routes, whatever P is. */
    public Keys global() {
        return keys.get(0);
    }

    /** Where a new job of the default tenant without a channel goes: its ordering key's partition, else its user's. */
    public int forJob(String user, String orderingKey) {
        return forJob(null, user, orderingKey, null);
    }

    /**
     * Where a new job goes: its channel's partition, else its tenant's (other than the default), else its ordering
     * key's, else its user's (the class comment says why).
     */
    public int forJob(String tenant, String user, String orderingKey, String channel) {
        if (channel != null) return forChannel(channel);
        if (tenant != null && !tenant.equals(io.costq.core.job.Tenants.DEFAULT)) return forTenant(tenant);
        return orderingKey != null ? hash(orderingKey) : hash(user);
    }

    /** Where a delivery channel's jobs, permits and parked jobs live. */
    public int forChannel(String channel) {
        return hash("ch:" + channel);
    }

    /** Where the user's run history lives. */
    public int forUser(String user) {
        return hash(user);
    }

    /**
     * Where every job and run history of a tenant other than the default lives: one partition, so a tenant's
     * histories sit beside its jobs and its queued-jobs cap is checked in the one script that stores them.
     */
    public int forTenant(String tenant) {
        return hash("tenant:" + tenant);
    }

    /** Where a recurring schedule and the jobs it fires live (one slot: a tick and its job are one script). */
    public int forSchedule(String name) {
        return hash("sched:" + name);
    }

    /** The partition named in a (valid) job id; -1 when it names none of this layout. */
    public int ofId(String id) {
        return Ids.partitionOf(id, count());
    }

    private int hash(String text) {
        if (keys.size() == 1) return 0;
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % keys.size());
    }
}
