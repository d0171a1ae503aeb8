package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentAndHealthTest
{
    private static Map<String, EnvironmentCheck> byName(final List<EnvironmentCheck> checks)
    {
        return checks.stream().collect(Collectors.toMap(EnvironmentCheck::name, c -> c));
    }

    @Test
    void theStationProfileMeetsEveryRedisCheckAndDriftIsReported() throws Exception
    {
        final CpuPin unpinned = CpuPin.none("0-1");
        try (ManagedRedis profile = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final Map<String, EnvironmentCheck> c = byName(EnvironmentChecks.run(profile.endpoint(), unpinned));
            assertThat(c.get("appendonly").ok()).isTrue();
            assertThat(c.get("save").ok()).isTrue();
            assertThat(c.get("maxmemory-policy").ok()).isTrue();
            assertThat(c.get("maxmemory").ok()).isTrue();
            assertThat(c.get("hz").ok()).isTrue();
            assertThat(c.get("activedefrag").ok()).isTrue();
            assertThat(c.get("latency-monitor-threshold").ok()).isTrue();
            assertThat(c.get("latency-monitor-threshold").actual())
                .isEqualTo(Integer.toString(ManagedRedis.LATENCY_MONITOR_THRESHOLD_MS));
            // Every check of the server passes; only the unpinned measurement is flagged.
            assertThat(c.values()).filteredOn(check -> !check.ok()).extracting(EnvironmentCheck::name)
                .containsExactly("measurement_pinned");
        }
        try (ManagedRedis drifted = ManagedRedis.builder().maxmemory("256mb")
            .extraArgs("--appendonly", "yes", "--save", "3600 1", "--maxmemory-policy", "noeviction", "--hz", "50",
                "--latency-monitor-threshold", "0").start())
        {
            final Map<String, EnvironmentCheck> c = byName(EnvironmentChecks.run(drifted.endpoint(),
                new CpuPin(1, true, "1", "pinned")));
            assertThat(c.get("appendonly").ok()).isFalse();
            assertThat(c.get("appendonly").actual()).isEqualTo("yes");
            assertThat(c.get("save").ok()).isFalse();
            assertThat(c.get("maxmemory-policy").ok()).isFalse();
            assertThat(c.get("hz").ok()).isFalse();
            assertThat(c.get("latency-monitor-threshold").ok()).isFalse();
            assertThat(c.get("measurement_pinned").ok()).isTrue();
        }
    }

    @Test
    void healthIsCleanOnAnIdleServerAndTheProfilesLatencyMonitorRecordsASpike() throws Exception
    {
        final StationStatusProbe.Result noStation = StationStatusProbe.fetch(-1, 100);
        assertThat(noStation.running()).isFalse();
        // The station's own profile, nothing added: its latency monitor is on.
        try (ManagedRedis r = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final HealthReport idle = HealthReport.collect(r.endpoint(), noStation);
            assertThat(idle.problems()).isEmpty();
            assertThat(idle.latencySummary()).isEqualTo("no latency spikes recorded");
            final Map<String, Object> json = JsonReader.parseObject(idle.toJson());
            assertThat(json).containsEntry("reachable", true).containsEntry("role", "master")
                .containsEntry("evicted_keys", 0.0).containsEntry("rejected_connections", 0.0);
            assertThat(json.get("allocator")).asString().isNotBlank();
            assertThat(JsonReader.at(json, "station.running")).isEqualTo(false);

            try (Jedis j = RedisConnector.connect(r.endpoint()))
            {
                j.eval("local t0 = redis.call('TIME') local s = t0[1] * 1000000 + t0[2] "
                    + "while true do local t = redis.call('TIME') "
                    + "if t[1] * 1000000 + t[2] - s >= 30000 then return 1 end end");
            }
            final HealthReport spiked = HealthReport.collect(r.endpoint(), noStation);
            assertThat(spiked.latencyEvents()).extracting(HealthReport.LatencyEvent::event).contains("command");
            assertThat(spiked.latencyEvents().get(0).maxMs()).isGreaterThanOrEqualTo(30);
            assertThat(spiked.problems()).singleElement().asString().contains("command");
            assertThat(spiked.doctor()).isNotBlank();
        }
    }
}
