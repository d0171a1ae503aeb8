package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.Thresholds;
import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default gate on the station's own Redis, after the demo workload, does not fail memory for the station's
 * streams.
 */
class GateMemoryTest extends CommandTestBase
{
    @TempDir
    Path home;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(final Object list, final String key, final String name)
    {
        return ((List<Map<String, Object>>)list).stream().filter(m -> name.equals(m.get(key))).findFirst()
            .orElseThrow();
    }

    @Test
    void theDemoWorkloadsTradeStreamsDoNotFailTheMemoryBand() throws Exception
    {
        // The committed thresholds: the original bands, memory gate 5 MB.
        final Path committed = Path.of("..", "config", "perf-thresholds.env").toAbsolutePath().normalize();
        assertThat(Thresholds.load(committed).limits(Thresholds.MEMORY).gate()).isEqualTo(5.0);
        final Path cfg = home.resolve("station.properties");
        Files.writeString(cfg, "station.http.port=-1\n");
        try (ManagedRedis redis = ManagedRedis.builder().start())
        {
            // Ten minutes of the demo's 50 symbols: about 150,000 trades in 50 capped streams.
            assertThat(run("demo", "--json", "--duration", "600", "--redis", redis.uri())).as(err.toString()).isZero();
            final Map<String, Object> demo = JsonReader.parseObject(out.toString().trim());
            assertThat((Double)JsonReader.at(demo, "sink.trades")).isGreaterThan(100_000);

            final int exit = run("gate", "--json", "--samples", "200", "--interval-us", "200", "--cpu", "-1",
                "--home", home.toString(), "--thresholds", committed.toString(), "--redis", redis.uri(), "--config",
                cfg.toString());
            assertThat(exit).as(err.toString()).isIn(0, 1, 4);
            final Map<String, Object> gate = JsonReader.parseObject(out.toString().trim());
            final double used = (Double)JsonReader.at(gate, "metrics.used_memory_mb");
            final double station = (Double)JsonReader.at(gate, "metrics.station_data_mb");
            final double judged = (Double)JsonReader.at(gate, "metrics.memory_mb");
            // Judged by all of used memory, this Redis would be beyond the 5% tolerance and FAIL.
            assertThat(used).isGreaterThan(5.25);
            assertThat(station).isGreaterThan(used / 2);
            assertThat(judged).isLessThan(5)
                .isEqualTo(Math.round((used - station) * 100) / 100.0, org.assertj.core.data.Offset.offset(0.02));
            assertThat(named(gate.get("decisions"), "metric", Thresholds.MEMORY)).containsEntry("verdict", "PASS");
            assertThat((List<?>)gate.get("reasons")).noneMatch(r -> r.toString().startsWith(Thresholds.MEMORY));
            // The profile the station runs passes the gate's own Redis checks, headroom and latency monitor included.
            assertThat(named(gate.get("checks"), "name", "maxmemory_headroom")).containsEntry("ok", true);
            assertThat(named(gate.get("checks"), "name", "latency-monitor-threshold")).containsEntry("ok", true);
        }
    }
}
