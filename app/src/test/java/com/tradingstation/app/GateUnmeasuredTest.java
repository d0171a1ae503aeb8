package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A gate that could not measure is a decision in the ledger, and the pass rate counts it. */
class GateUnmeasuredTest extends CommandTestBase
{
    @TempDir
    Path home;

    @Test
    void aGateThatCouldNotMeasureIsRecordedAndCountsAgainstThePassRate() throws Exception
    {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/perf-thresholds.env"), RedisCommandTestBase.GENEROUS);
        final Path cfg = home.resolve("station.properties");
        Files.writeString(cfg, "station.http.port=-1\n");
        final Path ledger = home.resolve("logs/gate-decisions.log");
        final String gone;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            for (int i = 0; i < 2; i++)
            {
                assertThat(run("gate", "--metrics-only", "--samples", "100", "--interval-us", "100", "--cpu", "-1",
                    "--home", home.toString(), "--redis", redis.uri(), "--config", cfg.toString())).as(out + " " + err)
                    .isZero();
            }
            gone = redis.uri();
        }
        assertThat(run("ledger", "--json", "--home", home.toString())).isEqualTo(StationMain.EXIT_OK);
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("kpi_met", true);

        // The same Redis, stopped: nothing listens on its port any more.
        assertThat(run("gate", "--json", "--home", home.toString(), "--redis", gone, "--config", cfg.toString()))
            .isEqualTo(3);
        assertThat(err.toString().trim()).hasLineCount(1).startsWith("station gate: could not measure: ");
        final Map<String, Object> printed = JsonReader.parseObject(out.toString().trim());
        assertThat(printed).containsEntry("verdict", "UNMEASURED").containsEntry("failure", "UNREACHABLE")
            .containsEntry("redis", gone.substring("redis://".length())).containsEntry("decisions", List.of());
        assertThat((List<?>)printed.get("reasons")).singleElement().asString().startsWith("could not measure: ");

        // No Redis named anywhere: recorded too, with no address.
        assertThat(run("gate", "--home", home.toString(), "--config", cfg.toString())).isEqualTo(3);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no Redis to use");

        final GateLedger.Contents c = GateLedger.read(ledger);
        assertThat(c.badLines()).isEmpty();
        assertThat(c.entries()).extracting(e -> e.get("verdict"))
            .containsExactly("PASS", "PASS", "UNMEASURED", "UNMEASURED");
        assertThat(c.entries().get(2)).isEqualTo(printed);
        assertThat(c.entries().get(3)).containsEntry("redis", null).containsEntry("failure", "UNREACHABLE")
            .containsEntry("thresholds_source", home.resolve("config/perf-thresholds.env").toString());

        assertThat(run("ledger", "--json", "--home", home.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        final Map<String, Object> summary = JsonReader.parseObject(out.toString().trim());
        assertThat(summary).containsEntry("decisions", 4.0).containsEntry("pass", 2.0).containsEntry("fail", 0.0)
            .containsEntry("unmeasured", 2.0).containsEntry("pass_rate", 0.5).containsEntry("kpi_met", false);
        assertThat(run("ledger", "--home", home.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString())
            .contains("2 unmeasured", "pass rate 50.0%", "MISSED", "UNMEASURED  -  could not measure: no Redis to use");
    }
}
