package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CommandTestBase} for the operations commands: one private redis-server for the class,
 * and thresholds every measurement passes.
 */
abstract class RedisCommandTestBase extends CommandTestBase
{
    /** Thresholds every measurement passes. */
    static final String GENEROUS = """
        RTT_P99_EXCELLENT_US=1000000
        RTT_P99_GOOD_US=1000000
        RTT_P99_WARNING_US=1000000
        RTT_P99_GATE_US=1000000
        JITTER_EXCELLENT_US=1000000
        JITTER_GOOD_US=1000000
        JITTER_WARNING_US=1000000
        JITTER_GATE_US=1000000
        MEMORY_EXCELLENT_MB=1000000
        MEMORY_GOOD_MB=1000000
        MEMORY_WARNING_MB=1000000
        MEMORY_GATE_MB=1000000
        OPS_EXCELLENT=1
        OPS_GOOD=1
        OPS_WARNING=1
        OPS_GATE=1
        """;

    /** The class's private redis-server. */
    @RegisterExtension
    static final ClassRedis REDIS = new ClassRedis("256mb");

    /** @return the class's private redis-server. */
    static ManagedRedis redis()
    {
        return REDIS.get();
    }
}
