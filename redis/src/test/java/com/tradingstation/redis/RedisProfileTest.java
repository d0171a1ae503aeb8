package com.tradingstation.redis;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisProfileTest
{
    /** deploy/ and the private server cannot drift: the committed file is the rendered profile. */
    @Test
    void theCommittedConfFileIsTheRenderedProfile() throws Exception
    {
        final Path committed = Path.of("..", "deploy", "redis", "redis-hft.conf");
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
            .as("%s differs from RedisProfile.hft(\"%s\").toConf(); re-render it", committed,
                RedisProfile.DEFAULT_MAXMEMORY)
            .isEqualTo(RedisProfile.hft(RedisProfile.DEFAULT_MAXMEMORY).toConf());
    }

    @Test
    void theProfileHasTheSeedsSettingsAndOnlyDatabasesNeedsARestart()
    {
        final RedisProfile p = RedisProfile.hft("256MB");
        assertThat(p.settings()).extracting(RedisProfile.Setting::name).containsExactly("databases", "tcp-keepalive",
            "hz", "maxmemory", "maxmemory-policy", "latency-monitor-threshold", "save", "appendonly");
        assertThat(p.settings()).filteredOn(s -> !s.runtime()).extracting(RedisProfile.Setting::name)
            .containsExactly("databases");
        assertThat(p.arguments()).containsSequence("--hz", "8").containsSequence("--save", "")
            .containsSequence("--maxmemory", "256mb");
        assertThat(p.setting("maxmemory").matches(Long.toString(256L * 1024 * 1024))).isTrue();
        assertThat(p.setting("maxmemory").matches("268435455")).isFalse();
        assertThat(p.setting("save").matches("")).isTrue();
        assertThat(p.setting("save").matches("3600 1")).isFalse();
        assertThat(p.setting("hz").matches(null)).isFalse();
        assertThat(RedisProfile.hft("1gb").toConf()).contains("\nsave \"\"\n", "\ndatabases 1\n",
            "restart with this file");
    }

    @Test
    void memorySizesReadAsRedisReadsThem()
    {
        assertThat(RedisProfile.bytes("1gb")).isEqualTo(1L << 30);
        assertThat(RedisProfile.bytes("1G")).isEqualTo(1_000_000_000L);
        assertThat(RedisProfile.bytes("100kb")).isEqualTo(102_400L);
        assertThat(RedisProfile.bytes("12345")).isEqualTo(12_345L);
        assertThat(RedisProfile.bytes("1tb")).isEqualTo(-1);
        assertThat(RedisProfile.bytes("mb")).isEqualTo(-1);
        assertThatThrownBy(() -> RedisProfile.hft("lots")).hasMessageContaining("'lots' is not a Redis memory size");
        assertThatThrownBy(() -> RedisProfile.hft("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theManagedServerRunsEveryProfileSetting() throws Exception
    {
        final RedisProfile profile = RedisProfile.hft("128mb");
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("128mb").start();
             Jedis jedis = RedisConnector.connect(redis.endpoint()))
        {
            for (final RedisProfile.Setting s : profile.settings())
            {
                assertThat(s.matches(jedis.configGet(s.name()).get(s.name()))).as(s.name()).isTrue();
            }
        }
    }
}
