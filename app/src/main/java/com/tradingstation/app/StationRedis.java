package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;

/**
 * The Redis a pipeline command writes to: the one named by a URL, else a private redis-server
 * started for the run and stopped when this is closed. Either has answered a PING when
 * {@link #open} returns.
 */
final class StationRedis implements AutoCloseable
{
    private final RedisEndpoint endpoint;
    private final ManagedRedis managed;

    private StationRedis(final RedisEndpoint endpoint, final ManagedRedis managed)
    {
        this.endpoint = endpoint;
        this.managed = managed;
    }

    /**
     * @param given     the Redis named by a URL, or null for a private redis-server.
     * @param maxmemory maxmemory of the private redis-server.
     * @return the Redis, reachable.
     * @throws RedisUnavailableException when it does not answer.
     */
    static StationRedis open(final RedisEndpoint given, final String maxmemory) throws RedisUnavailableException
    {
        final ManagedRedis managed = given == null ? ManagedRedis.builder().maxmemory(maxmemory).start() : null;
        final StationRedis redis = new StationRedis(given != null ? given : managed.endpoint(), managed);
        try
        {
            StationRuntime.ping(redis.endpoint);
            return redis;
        }
        catch (final RedisUnavailableException | RuntimeException ex)
        {
            redis.close();
            throw ex;
        }
    }

    /** @return where it listens. */
    RedisEndpoint endpoint()
    {
        return endpoint;
    }

    /** @return the private redis-server, or null when a URL was given. */
    ManagedRedis managed()
    {
        return managed;
    }

    /** @return its address, and where the private redis-server's binary came from. */
    String describe()
    {
        return endpoint.address() +
            (managed == null ? "" : " (private redis-server from " + managed.binary().source() + ")");
    }

    @Override
    public void close()
    {
        if (managed != null)
        {
            managed.close();
        }
    }
}
