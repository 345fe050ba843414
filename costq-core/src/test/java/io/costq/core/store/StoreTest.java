package io.costq.core.store;

import io.costq.core.testing.SteppedRedisTest;
import java.util.Collection;
import java.util.Map;
import org.redisson.client.codec.StringCodec;

/** A transition's test: a real redis-server, a fresh prefix, a stepped clock, and the job fixture. */
abstract class StoreTest extends SteppedRedisTest {
    protected JobFixture jobs;

    @Override
    protected void use(io.costq.core.CostqSettings next) {
        super.use(next);
        jobs = new JobFixture(client, store, clock, redis);
    }

    protected Map<String, String> hash(String id) {
        return redis.<String, String>getMap(keys.job(id), StringCodec.INSTANCE).readAllMap();
    }

    protected Collection<String> members(String zset) {
        return redis.<String>getScoredSortedSet(zset, StringCodec.INSTANCE).readAll();
    }

    /** Calls of a command so far (Redis INFO commandstats, counting the commands run inside scripts). */
    protected long calls(String command) {
        var node = redis.getRedisNodes(org.redisson.api.redisnode.RedisNodes.SINGLE).getInstance();
        String stat = node.info(org.redisson.api.redisnode.RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_" + command);
        if (stat == null) return 0;
        return Long.parseLong(stat.replaceAll("^calls=(\\d+),.*$", "$1"));
    }
}
