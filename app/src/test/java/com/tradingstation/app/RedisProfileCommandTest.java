package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RedisProfileCommandTest extends CommandTestBase
{
    /** A server off the profile: settable drift (hz, tcp-keepalive, policy, save) and databases 16. */
    private static ManagedRedis drifted()
    {
        return ManagedRedis.builder().maxmemory("64mb").extraArgs("--hz", "10", "--tcp-keepalive", "300",
            "--databases", "16", "--maxmemory-policy", "noeviction", "--save", "3600 1").start();
    }

    private Map<String, String> statuses()
    {
        final Map<String, Object> json = JsonReader.parseObject(out.toString().strip());
        assertThat(json.get("schema")).isEqualTo("station.redis-profile/1");
        return ((List<?>)json.get("settings")).stream().map(s -> (Map<?, ?>)s)
            .collect(Collectors.toMap(s -> (String)s.get("name"), s -> (String)s.get("status")));
    }

    @Test
    void checkListsTheDifferencesApplySetsThemAndOnlyDatabasesNeedsARestart()
    {
        try (ManagedRedis redis = drifted())
        {
            assertThat(run("redis-profile", "--check", "--redis", redis.uri(), "--maxmemory", "64mb"))
                .isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(out.toString()).containsPattern("hz +8 +10 +differs")
                .containsPattern("tcp-keepalive +30 +300 +differs").containsPattern("databases +1 +16 +not-settable")
                .containsPattern("maxmemory +64mb +67108864 +ok");

            assertThat(run("redis-profile", "--apply", "--json", "--redis", redis.uri(), "--maxmemory", "64mb"))
                .isZero();
            final Map<String, Object> applied = JsonReader.parseObject(out.toString().strip());
            final List<Object> changed = ((List<?>)applied.get("changes")).stream()
                .map(c -> (Object)((Map<?, ?>)c).get("name")).toList();
            assertThat(changed).containsExactly("tcp-keepalive", "hz", "maxmemory-policy", "save");
            assertThat(applied.get("restart_needed")).isEqualTo(List.of("databases"));

            assertThat(run("redis-profile", "--json", "--redis", redis.uri(), "--maxmemory", "64mb"))
                .isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(statuses()).containsEntry("hz", "ok").containsEntry("save", "ok")
                .containsEntry("databases", "not-settable")
                .satisfies(m -> assertThat(m.values()).filteredOn(v -> !v.equals("ok")).hasSize(1));
        }
    }

    @Test
    void theManagedServerIsTheProfile()
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("32mb").start())
        {
            assertThat(run("redis-profile", "--redis", redis.uri(), "--maxmemory", "32mb")).isZero();
            assertThat(out.toString()).contains("profile check").doesNotContain("differs");
            // Another cap is a difference CONFIG SET can fix.
            assertThat(run("redis-profile", "--json", "--redis", redis.uri(), "--maxmemory", "48mb"))
                .isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(statuses()).containsEntry("maxmemory", "differs");
        }
    }

    @Test
    void aRenamedConfigIsOneLineAndExit3()
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("32mb").extraArgs("--rename-command", "CONFIG", "")
            .start())
        {
            assertThat(run("redis-profile", "--redis", redis.uri())).isEqualTo(StationMain.EXIT_UNAVAILABLE);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).startsWith("station redis-profile: ").contains("refused CONFIG")
                .doesNotContain("Exception");
        }
    }

    @Test
    void applyRefusesTheHostsProductionRedisWithoutForce()
    {
        assertThat(run("redis-profile", "--apply", "--redis", "redis://127.0.0.1:6379"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("refusing to --apply to 127.0.0.1:6379");
        assertThat(run("redis-profile", "--apply", "--redis", "redis://localhost"))
            .isEqualTo(StationMain.EXIT_USAGE);
    }

    @Test
    void usageErrors()
    {
        assertThat(run("redis-profile", "--check", "--apply", "--redis", "redis://127.0.0.1:1"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("redis-profile", "--maxmemory", "lots", "--redis", "redis://127.0.0.1:1"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("'lots' is not a Redis memory size");
    }
}
