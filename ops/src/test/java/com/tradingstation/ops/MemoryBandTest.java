package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory band judges a market-data Redis by what is not the station's own data: trade streams
 * and books are bounded by the station's caps, anything else still counts.
 */
class MemoryBandTest
{
    private static final MonitorSettings QUICK = new MonitorSettings(100, 100, 50, -1);

    private static MetricDecision memory(final MonitorReport r)
    {
        return Gate.decide(GateMetrics.of(r), Thresholds.defaults()).stream()
            .filter(d -> d.metric().equals(Thresholds.MEMORY)).findFirst().orElseThrow();
    }

    @Test
    void theStationsOwnStreamsAreNotJudgedByTheBandButOtherDataIs() throws Exception
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start();
             Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            // 20 trade streams of 10,000 entries (the default cap), shaped like the sink's, and their books.
            try (Pipeline p = j.pipelined())
            {
                for (int s = 0; s < 20; s++)
                {
                    final String tag = "{binance-spot:S" + s + "USDT}";
                    for (int i = 0; i < 10_000; i++)
                    {
                        p.xadd("md:" + tag + ":trades",
                            XAddParams.xAddParams().maxLen(10_000).approximateTrimming().id(StreamEntryID.NEW_ENTRY),
                            Map.of("id", Long.toString(1_000_000L + i), "p", "61602.01", "q", "0.00123", "m", "1", "T",
                                "1723075200123"));
                    }
                    p.set("md:" + tag + ":book",
                        "{\"bids\":[[\"61602.01\",\"1.67177\"]],\"asks\":[[\"61602.02\",\"2.66795\"]]}");
                }
                p.sync();
            }
            final MonitorReport market = Monitor.run(redis.endpoint(), QUICK);
            final ServerStats s = market.server();
            // Without the rule this Redis would fail the original band (gate 5 MB, soft to 5.25 MB).
            assertThat(s.usedMemoryMb()).isGreaterThan(5.25 * 1.5);
            assertThat(s.stationDataMb()).isGreaterThan(s.usedMemoryMb() * 0.7).isLessThanOrEqualTo(s.usedMemoryMb());
            assertThat(s.otherMemoryMb()).isLessThan(5);
            assertThat(memory(market).verdict()).isEqualTo(Verdict.PASS);
            final Map<String, Object> json = JsonReader.parseObject(market.toJson());
            assertThat(JsonReader.at(json, "health.memory_mb")).isEqualTo(s.otherMemoryMb());
            assertThat(JsonReader.at(json, "health.station_data_mb")).isEqualTo(s.stationDataMb());
            assertThat(market.toText()).contains("MB station data + ");
            // The monitor's probe keys are gone before memory is read.
            assertThat(j.exists(Monitor.STREAM_KEY)).isFalse();

            // Data that is not the station's is judged as before: 8 MB of it fails the band.
            j.set("someone-else:blob", "x".repeat(8 << 20));
            final MonitorReport foreign = Monitor.run(redis.endpoint(), QUICK);
            assertThat(foreign.server().otherMemoryMb()).isGreaterThan(8);
            assertThat(memory(foreign).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(GateMetrics.of(foreign).extra()).containsKeys("used_memory_mb", "station_data_mb");
        }
    }

    @Test
    void withoutAMeasurementOfTheStationsDataAllUsedMemoryIsJudged()
    {
        final ServerStats unknown = new ServerStats("7", "jemalloc", 0, 24L << 20, 1, 1, 1, 1);
        assertThat(unknown.stationDataBytes()).isEqualTo(-1);
        assertThat(unknown.otherMemoryMb()).isEqualTo(24.0);
        assertThat(unknown.withStationData(20L << 20).otherMemoryMb()).isEqualTo(4.0);
        // Keys written between the two readings can make the station's share look larger: never below 0.
        assertThat(unknown.withStationData(30L << 20).otherMemoryMb()).isZero();
        assertThat(new ServerStats("7", "j", 0, -1, 1, 1, 1, 1, 5).otherMemoryMb()).isNaN();
    }

    @Test
    void theStationsDataMustLeaveHeadroomUnderMaxmemory()
    {
        assertThat(EnvironmentChecks.headroom(100L << 20, 256L << 20).ok()).isTrue();
        final EnvironmentCheck full = EnvironmentChecks.headroom(240L << 20, 256L << 20);
        assertThat(full.ok()).isFalse();
        assertThat(full.actual()).isEqualTo("240.00 MB of 256.00 MB (93.8%)");
        assertThat(EnvironmentChecks.headroom(1L << 20, 0).actual()).isEqualTo("maxmemory unlimited");
        assertThat(EnvironmentChecks.headroom(1L << 20, 0).ok()).isFalse();
    }
}
