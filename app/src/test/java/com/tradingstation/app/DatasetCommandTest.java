package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.RedisInfo;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetCommandTest extends RedisCommandTestBase
{
    @TempDir
    Path dir;

    private static long connectionsReceived(final Jedis j)
    {
        return RedisInfo.parse(j.info("stats")).number("total_connections_received");
    }

    @Test
    void helpListsTheOptions()
    {
        assertThat(run("dataset", "--help")).isZero();
        assertThat(out.toString()).contains("--keys", "--sizes", "--weights", "--seed", "--prefix", "--churn-rate",
            "--churn-time", "--ttl", "--force", "--json", "--redis", "Exit: 0 loaded");
    }

    @Test
    void theStationsRedisIsRefusedBeforeAnyConnectionUnlessForced() throws Exception
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start();
            Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            final Path production = quietConfig(dir, "station.redis.url=" + redis.uri() + "/0\n");
            final long connections = connectionsReceived(j);
            assertThat(run("dataset", "--config", production.toString(), "--redis", redis.uri(), "--keys", "100"))
                .isEqualTo(StationMain.EXIT_USAGE);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).startsWith("station dataset: refusing to write the dataset to 127.0.0.1:"
                + redis.port()).contains("station.redis.url", "--force");
            // Named through localhost, and found through the config alone: still the same server.
            assertThat(run("dataset", "--config", production.toString(), "--redis",
                "redis://localhost:" + redis.port(), "--keys", "100")).isEqualTo(StationMain.EXIT_USAGE);
            assertThat(run("dataset", "--config", production.toString(), "--keys", "100"))
                .isEqualTo(StationMain.EXIT_USAGE);
            assertThat(connectionsReceived(j)).as("no connection attempted").isEqualTo(connections);
            assertThat(j.dbSize()).isZero();

            assertThat(run("dataset", "--config", production.toString(), "--keys", "100", "--force")).isZero();
            assertThat(j.dbSize()).isEqualTo(100);
        }
    }

    @Test
    void theHostsLoopback6379IsRefused() throws Exception
    {
        for (final String url : List.of("redis://127.0.0.1:6379", "redis://localhost", "redis://[::1]:6379/2"))
        {
            assertThat(run("dataset", "--config", quietConfig(dir, "").toString(), "--redis", url, "--keys", "10"))
                .as(url).isEqualTo(StationMain.EXIT_USAGE);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains("refusing to write the dataset to ", ":6379",
                "the production Redis of this host", "--force");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void aDatasetOverMaxmemoryIsRefusedAndNothingWritten() throws Exception
    {
        try (ManagedRedis small = ManagedRedis.builder().maxmemory("2mb").start();
            Jedis j = RedisConnector.connect(small.endpoint()))
        {
            final String cfg = quietConfig(dir, "").toString();
            assertThat(run("dataset", "--config", cfg, "--redis", small.uri(), "--keys", "100000"))
                .isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).startsWith("station dataset: the dataset needs about ")
                .contains("maxmemory of 127.0.0.1:" + small.port(), "maxmemory 2.0 MiB", "--force");
            assertThat(j.dbSize()).isZero();
        }
    }

    @Test
    void jsonReportsTheLoadTheChurnAndMemoryBeforeAndAfter() throws Exception
    {
        try (Jedis j = RedisConnector.connect(redis().endpoint()))
        {
            final String cfg = quietConfig(dir, "").toString();
            assertThat(run("dataset", "--config", cfg, "--redis", redis().uri(), "--keys", "3000",
                "--prefix", "t:json:", "--churn-time", "1s", "--churn-rate", "400", "--ttl", "30", "--json"))
                .as(err.toString()).isZero();
            assertThat(err.toString()).as("no progress bar off a terminal").isEmpty();
            final Map<String, Object> json = JsonReader.parseObject(out.toString().strip());
            assertThat(json.get("schema")).isEqualTo("station.dataset/1");
            assertThat(json.get("address")).isEqualTo("127.0.0.1:" + redis().port());
            assertThat(((Number)json.get("keys")).longValue()).isEqualTo(3000);
            assertThat(((Number)json.get("value_bytes")).longValue()).isGreaterThan(3000L * 64);
            assertThat(((Number)json.get("keys_per_sec")).doubleValue()).isPositive();
            assertThat(((Number)json.get("load_seconds")).doubleValue()).isPositive();
            assertThat(((Number)json.get("estimate_bytes")).longValue()).isPositive();
            assertThat(JsonReader.at(json, "spec.prefix")).isEqualTo("t:json:");
            assertThat(JsonReader.at(json, "spec.sizes")).isEqualTo(List.of(64.0, 512.0, 4096.0));
            final long commands = ((Number)JsonReader.at(json, "churn.commands")).longValue();
            assertThat(commands).isPositive();
            assertThat(((Number)JsonReader.at(json, "churn.sets")).longValue()).isPositive()
                .isLessThanOrEqualTo(commands);
            assertThat(((Number)JsonReader.at(json, "churn.achieved_per_sec")).doubleValue()).isPositive();
            assertThat(((Number)JsonReader.at(json, "churn.planned_per_sec")).longValue()).isEqualTo(400);
            for (final String phase : List.of("memory_before", "memory_after"))
            {
                final Object memory = json.get(phase);
                assertThat(memory).isInstanceOf(Map.class);
                for (final String field : List.of("used_memory", "used_memory_rss", "mem_fragmentation_ratio",
                    "allocator_frag_ratio"))
                {
                    assertThat(((Map<?, ?>)memory).containsKey(field)).as(phase + "." + field).isTrue();
                }
            }
            assertThat(((Number)JsonReader.at(json, "memory_after.used_memory")).longValue())
                .isGreaterThan(((Number)JsonReader.at(json, "memory_before.used_memory")).longValue());
            assertThat(j.keys("t:json:*")).hasSizeGreaterThanOrEqualTo(3000);
        }
    }

    @Test
    void textSummaryAndUsageAndUnreachable() throws Exception
    {
        final String cfg = quietConfig(dir, "").toString();
        assertThat(run("dataset", "--config", cfg, "--redis", redis().uri(), "--keys", "500", "--prefix", "t:text:"))
            .isZero();
        assertThat(out.toString()).contains("dataset on 127.0.0.1:" + redis().port(), "500 keys", "keys/s",
            "used_memory", "allocator_frag_ratio").doesNotContain("churn ");

        assertThat(run("dataset", "--config", cfg, "--redis", "redis://127.0.0.1:1", "--sizes", "64,512",
            "--weights", "1")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("one weight per value size");
        assertThat(run("dataset", "--config", cfg, "--redis", "redis://127.0.0.1:1", "--sizes", "big"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("dataset", "--config", cfg, "--redis", "redis://127.0.0.1:1", "--churn-time", "5x"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--churn-time '5x' is not a duration");
        assertThat(run("dataset", "--config", cfg, "--redis", "redis://127.0.0.1:1", "--ttl", "0",
            "--churn-time", "1s")).isEqualTo(StationMain.EXIT_USAGE);

        assertThat(run("dataset", "--config", cfg, "--redis", "redis://127.0.0.1:1", "--keys", "10"))
            .isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("station dataset: nothing accepts connections at 127.0.0.1:1")
            .doesNotContain("Exception");
    }
}
