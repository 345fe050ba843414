package io.costq.core;

import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Builds the {@link RedissonClient} from a Redis URL ({@code redis://host:port} or {@code rediss://} for TLS,
 * optionally {@code redis://:password@host:port}). Cluster and Sentinel modes come with issue 9.
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
        URI uri = URI.create(url);
        Config config = new Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        SingleServerConfig single = config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                .setConnectionPoolSize(poolSize)
                .setConnectionMinimumIdleSize(Math.min(8, poolSize))
                .setSubscriptionConnectionPoolSize(4)
                .setTimeout(5_000)
                .setConnectTimeout(1_000)
                .setRetryAttempts(1)
                .setRetryInterval(500)
                .setPingConnectionInterval(5_000);
        String userInfo = uri.getUserInfo();
        if (password != null && !password.isBlank()) {
            single.setPassword(password);
        } else if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) single.setUsername(userInfo.substring(0, colon));
                single.setPassword(userInfo.substring(colon + 1));
            } else {
                single.setPassword(userInfo);
            }
        }
        return Redisson.create(config);
    }
}
