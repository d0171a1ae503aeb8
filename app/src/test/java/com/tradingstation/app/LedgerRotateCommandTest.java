package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.LedgerRotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerRotateCommandTest extends CommandTestBase
{
    @TempDir
    Path home;

    static String decision(final Instant time, final String verdict)
    {
        return new JsonWriter().beginObject().field("schema", "station.gate/1").field("time", time.toString())
            .field("verdict", verdict).name("metrics").beginObject().field("rtt_p99_us", 10.0).endObject()
            .endObject().toString();
    }

    @Test
    void rotateForcesARotationAndTheSummaryStillCountsTheRotatedDecisions() throws IOException
    {
        final Path ledger = home.resolve(StationHome.LEDGER);
        final Instant now = Instant.now();
        for (int i = 0; i < 6; i++)
        {
            GateLedger.append(ledger, decision(now.minusSeconds(3600L * (10 - i)), "PASS"));
        }
        assertThat(run("ledger", "--home", home.toString(), "--rotate", "--json")).as(err.toString()).isZero();
        final Map<String, Object> rotated = JsonReader.parseObject(out.toString().trim());
        assertThat(rotated.get("rotated_to")).asString().matches(".*gate-decisions-\\d{8}\\.log");
        for (int i = 6; i < 10; i++)
        {
            GateLedger.append(ledger, decision(now.minusSeconds(3600L * (10 - i)), i == 9 ? "FAIL" : "PASS"));
        }
        assertThat(LedgerRotation.rotated(ledger)).hasSize(1);
        assertThat(run("ledger", "--home", home.toString(), "--json")).isEqualTo(StationMain.EXIT_PROBLEMS);
        final Map<String, Object> s = JsonReader.parseObject(out.toString().trim());
        assertThat(s).containsEntry("decisions", 10.0).containsEntry("pass", 9.0).containsEntry("pass_rate", 0.9);
        assertThat(run("ledger", "--home", home.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("and 1 rotated file(s)");
        assertThat(run("ledger", "--ledger", home.resolve("none.log").toString(), "--rotate")).isZero();
        assertThat(out.toString()).contains("nothing to rotate");
    }
}
