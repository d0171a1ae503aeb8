package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private redis-server for a test class, registered as a static {@code @RegisterExtension}
 * field: started before the class's first test, stopped after its last.
 */
final class ClassRedis implements BeforeAllCallback, AfterAllCallback
{
    private final String maxmemory;
    private ManagedRedis redis;

    /**
     * @param maxmemory maxmemory of the redis-server.
     */
    ClassRedis(final String maxmemory)
    {
        this.maxmemory = maxmemory;
    }

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        redis = ManagedRedis.builder().maxmemory(maxmemory).start();
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        redis.close();
    }

    /** @return the redis-server (between the class's first and last test). */
    ManagedRedis get()
    {
        return redis;
    }
}
