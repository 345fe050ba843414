package io.costq.core.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds every Redis key and channel costq uses. All keys of one partition share the hash tag
 * {@code {prefix:partition}}, so each Lua transition touches a single slot and the layout works unchanged on
 * Redis Cluster. User-supplied parts (user ids, node ids, idempotency keys) are percent-encoded first, so no
 * input can reach another key.
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

    /** The prefix of job hashes; Lua appends a job id. */
    public String jobPrefix() {
        return tag + ":job:";
    }

    public String job(String id) {
        return jobPrefix() + id;
    }

    public String queue(int costClass) {
        return queuePrefix() + costClass;
    }

    /** A class queue's key is this plus the class number. */
    public String queuePrefix() {
        return tag + ":q:";
    }

    public List<Object> queues(int classes) {
        List<Object> keys = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) keys.add(queue(k));
        return keys;
    }

    /** The FIFO of job ids of one ordering key; only its head may be queued or running. */
    public String orderingKey(String key) {
        return orderingKeyPrefix() + encode(key);
    }

    /** An ordering key's list is this plus the {@link #encode encoded} key. */
    public String orderingKeyPrefix() {
        return tag + ":ok:";
    }

    /** AWAITING_ACK jobs by ack deadline. */
    public String acks() {
        return tag + ":acks";
    }

    /** Permits of a delivery channel in use: job ids scored by lease deadline. */
    public String channelInUse(String channel) {
        return tag + ":ch:" + channel + ":inuse";
    }

    /** Jobs held back because their channel was full, scored by queued-at. */
    public String channelWaiting(String channel) {
        return tag + ":ch:" + channel + ":wait";
    }

    public String running() {
        return tag + ":running";
    }

    public String delayed() {
        return tag + ":delayed";
    }

    public String dead() {
        return tag + ":dead";
    }

    public String fence() {
        return tag + ":fence";
    }

    public String stats() {
        return tag + ":stats";
    }

    public String recentEstimates() {
        return tag + ":recent";
    }

    public String history(String user) {
        return tag + ":hist:" + encode(user);
    }

    public String idempotency(String key) {
        return idempotencyPrefix() + encode(key);
    }

    /** An idempotency key's key is this plus the {@link #encode encoded} key. */
    public String idempotencyPrefix() {
        return tag + ":idem:";
    }

    /** Node state; the directory and node hashes are kept in partition 0 (see {@link Partitions#global()}). */
    public String node(String nodeId) {
        return tag + ":node:" + encode(nodeId);
    }

    public String nodes() {
        return tag + ":nodes";
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
