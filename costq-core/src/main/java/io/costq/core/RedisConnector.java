package io.costq.core;

import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

/**
 * Builds the {@link RedissonClient}: one server ({@code redis://host:port}, {@code rediss://} for TLS, optionally
 * {@code redis://:password@host:port}), a Redis Cluster (seed nodes) or a Sentinel-monitored primary. Reads and
 * writes always go to primaries: costq's scripts read what they write.
 * <p>Cluster and Sentinel clients look for topology changes every second, so after a failover the promoted
 * replica is used within about a second of its promotion (commands in between fail and are retried by costq's
 * own loops, or answered 503 by the API).
 */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @param url      redis:// or rediss:// URL
     * @param password overrides a password in the URL when not null/blank
     * @param poolSize connections in the pool
     */
    public static RedissonClient connect(String url, String password, int poolSize) {
        return connect(RedisOptions.single(url, password, poolSize));
    }

    public static RedissonClient connect(RedisOptions options) {
        Config config = new Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        // costq passes plain strings: no Redisson object references to look for in every argument (a profile showed
        // the per-argument annotation check as the bench's top frame)
        config.setReferenceEnabled(false);
        switch (options.mode()) {
            case SINGLE -> {
                URI uri = URI.create(options.url());
                var single = config.useSingleServer()
                        .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                        .setConnectionPoolSize(options.poolSize())
                        .setConnectionMinimumIdleSize(Math.min(8, options.poolSize()))
                        .setSubscriptionConnectionPoolSize(4);
                common(single);
                credentials(single, uri.getUserInfo(), options.password());
            }
            case CLUSTER -> {
                var cluster = config.useClusterServers().setScanInterval(1_000);
                cluster.setNodeAddresses(new java.util.ArrayList<>(options.nodeAddresses()));
                primaries(cluster, options.poolSize());
                common(cluster);
                credentials(cluster, null, options.password());
            }
            case SENTINEL -> {
                var sentinel = config.useSentinelServers().setMasterName(options.masterName()).setScanInterval(1_000)
                        .setCheckSentinelsList(false);
                sentinel.setSentinelAddresses(new java.util.ArrayList<>(options.nodeAddresses()));
                primaries(sentinel, options.poolSize());
                common(sentinel);
                credentials(sentinel, null, options.password());
            }
        }
        return Redisson.create(config);
    }

    private static void primaries(BaseMasterSlaveServersConfig<?> c, int poolSize) {
        c.setReadMode(ReadMode.MASTER)
                .setMasterConnectionPoolSize(poolSize)
                .setMasterConnectionMinimumIdleSize(Math.min(8, poolSize))
                .setSlaveConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(4);
    }

    private static void common(BaseConfig<?> c) {
        c.setTimeout(5_000)
                .setConnectTimeout(1_000)
                .setRetryAttempts(1)
                .setRetryInterval(500)
                .setPingConnectionInterval(5_000);
    }

    private static void credentials(BaseConfig<?> c, String userInfo, String password) {
        if (password != null && !password.isBlank()) {
            c.setPassword(password);
        } else if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) c.setUsername(userInfo.substring(0, colon));
                c.setPassword(userInfo.substring(colon + 1));
            } else {
                c.setPassword(userInfo);
            }
        }
    }
}
