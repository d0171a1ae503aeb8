package com.tradingstation.redis;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedRedisTest
{
    @Test
    void startsOnAFreePortAnswersPingAndRunsTheProfile() throws Exception
    {
        final int port;
        final Path log;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start();
             Jedis jedis = RedisConnector.connect(redis.endpoint()))
        {
            port = redis.port();
            log = redis.logFile();
            assertThat(port).isNotEqualTo(6379).isBetween(1, 65535);
            assertThat(redis.host()).isEqualTo("127.0.0.1");
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(redis.binary().source()).isIn("PATH", "embedded-redis");
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(config(jedis, "maxmemory")).isEqualTo(Long.toString(256L * 1024 * 1024));
            assertThat(config(jedis, "maxmemory-policy")).isEqualTo("allkeys-lru");
            assertThat(config(jedis, "databases")).isEqualTo("1");
            assertThat(config(jedis, "hz")).isEqualTo("8");
            assertThat(config(jedis, "save")).isEmpty();
            assertThat(config(jedis, "appendonly")).isEqualTo("no");
            assertThat(config(jedis, "tcp-keepalive")).isEqualTo("30");
            assertThat(config(jedis, "protected-mode")).isEqualTo("yes");
            assertThat(config(jedis, "bind")).isEqualTo("127.0.0.1");
            assertThat(Files.readString(log)).contains("Ready to accept connections");
        }
        assertRefused(port);
        assertThat(log.getParent()).doesNotExist();
    }

    @Test
    void defaultProfileIsOneGigabyteWithLruEviction() throws Exception
    {
        try (ManagedRedis redis = ManagedRedis.start();
             Jedis jedis = RedisConnector.connect(redis.endpoint()))
        {
            assertThat(config(jedis, "maxmemory")).isEqualTo(Long.toString(1024L * 1024 * 1024));
            assertThat(config(jedis, "maxmemory-policy")).isEqualTo("allkeys-lru");
        }
    }

    @Test
    void twoServersAtOnceGetDifferentPorts() throws Exception
    {
        try (ManagedRedis a = ManagedRedis.builder().maxmemory("256mb").start();
             ManagedRedis b = ManagedRedis.builder().maxmemory("256mb").start();
             Jedis ja = RedisConnector.connect(a.endpoint());
             Jedis jb = RedisConnector.connect(b.endpoint()))
        {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.pid()).isNotEqualTo(b.pid());
            ja.set("k", "a");
            jb.set("k", "b");
            assertThat(ja.get("k")).isEqualTo("a");
            assertThat(jb.get("k")).isEqualTo("b");
        }
    }

    @Test
    void embeddedRedisBinaryWorks() throws Exception
    {
        final ManagedRedis redis;
        try
        {
            redis = ManagedRedis.builder().preferEmbedded().maxmemory("256mb").start();
        }
        catch (final IllegalStateException e)
        {
            Assumptions.abort("the redis-server shipped in embedded-redis cannot run on this machine: "
                    + e.getMessage());
            return;
        }
        try (redis; Jedis jedis = RedisConnector.connect(redis.endpoint()))
        {
            assertThat(redis.binary().source()).isEqualTo("embedded-redis");
            assertThat(redis.binary().toString()).contains("embedded-redis");
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(config(jedis, "maxmemory-policy")).isEqualTo("allkeys-lru");
            assertThat(config(jedis, "save")).isEmpty();
        }
        assertRefused(redis.port());
    }

    @Test
    void closeWorksWhenTheServerRequiresAPassword() throws Exception
    {
        final int port;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb")
                .extraArgs("--requirepass", "secret").start())
        {
            port = redis.port();
            try (Jedis jedis = RedisConnector.connect(redis.endpoint()))
            {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
        assertRefused(port);
    }

    @Test
    void closeIsIdempotent() throws Exception
    {
        final ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start();
        redis.close();
        redis.close();
        assertThat(redis.isAlive()).isFalse();
        assertRefused(redis.port());
    }

    @Test
    void startupFailureIsOneLineNamingBinaryPortAndLog()
    {
        assertThatThrownBy(() -> ManagedRedis.builder().maxmemory("256mb")
                .extraArgs("--no-such-directive", "x").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis-server")
                .hasMessageContaining("on port ")
                .hasMessageContaining("last log line:")
                .hasMessageNotContaining("(empty)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingExplicitBinaryIsRejected()
    {
        assertThatThrownBy(() -> ManagedRedis.builder().binary(Path.of("/nonexistent/redis-server")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/redis-server");
    }

    /** The desk's system Redis listens on 6379; a private server must never be (or reach) it. */
    @Test
    void neverUsesTheSystemRedisPort()
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start())
        {
            assertThat(redis.port()).isNotEqualTo(6379);
            assertThat(redis.uri()).doesNotContain(":6379");
            assertThat(redis.endpoint().port()).isNotEqualTo(6379);
        }
    }

    static String config(final Jedis jedis, final String name)
    {
        final Map<String, String> values = jedis.configGet(name);
        assertThat(values).containsKey(name);
        return values.get(name);
    }

    static void assertRefused(final int port)
    {
        assertThatThrownBy(() ->
        {
            try (Socket s = new Socket())
            {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
