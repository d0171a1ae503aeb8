package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.LedgerRotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest extends CommandTestBase
{
    @TempDir
    Path home;

    private static String line(final JsonWriter w)
    {
        return w.endObject().toString();
    }

    private void fixture() throws IOException
    {
        final Path days = Files.createDirectories(home.resolve(StationHome.KPI_DAYS));
        Files.writeString(days.resolve("2026-11-30.jsonl"), String.join("\n",
            line(new JsonWriter().beginObject().field("time", "2026-11-30T09:00:00Z").field("p99_us", 9.0)
                .field("used_memory", 1_048_576L).field("mem_fragmentation_ratio", 1.5)),
            line(new JsonWriter().beginObject().field("time", "2026-11-30T11:00:00Z").field("p99_us", 13.0)
                .field("used_memory", 1_048_576L).field("mem_fragmentation_ratio", 1.25)), ""));
        final Path ledger = home.resolve(StationHome.LEDGER);
        for (final String[] d : new String[][] {{"2026-11-30T07:00:00Z", "PASS"}, {"2026-11-30T07:10:00Z", "FAIL"},
            {"2026-11-27T07:00:00Z", "PASS"}})
        {
            GateLedger.append(ledger, line(new JsonWriter().beginObject().field("time", d[0]).field("verdict", d[1])));
            LedgerRotation.rotate(ledger);
        }
        Files.createDirectories(home.resolve(StationHome.TAIL_RUNS));
        Files.writeString(home.resolve(StationHome.TAIL_RUNS).resolve("t1.json"), line(new JsonWriter().beginObject()
            .field("startedAt", "2026-11-30T10:00:00Z").name("classCounts").beginObject().field("SCHED", 4L)
            .field("IRQ", 2L).field("ALLOC", 1L).field("UNKNOWN", 0L).endObject()));
    }

    @Test
    void aDayReportWithExactFiguresAndStrictTurnsAMissIntoExitOne() throws IOException
    {
        fixture();
        assertThat(run("report", "--home", home.toString(), "--day", "2026-11-30", "--json")).as(err.toString())
            .isZero();
        final Map<String, Object> r = JsonReader.parseObject(out.toString().trim());
        assertThat(JsonReader.at(r, "total.samples")).isEqualTo(2.0);
        assertThat(JsonReader.at(r, "total.avg_p99_us")).isEqualTo(11.0);
        assertThat(JsonReader.at(r, "total.peak_p99_us")).isEqualTo(13.0);
        assertThat(JsonReader.at(r, "total.memory.growth_mb_per_hour")).isEqualTo(0.0);
        assertThat(JsonReader.at(r, "total.memory.fragmentation_min")).isEqualTo(1.25);
        assertThat(JsonReader.at(r, "total.gate.decisions")).as("read from the rotated files").isEqualTo(2.0);
        assertThat(JsonReader.at(r, "total.gate.pass_rate_pct")).isEqualTo(50.0);
        assertThat(JsonReader.at(r, "total.tail.class_counts.SCHED")).isEqualTo(4.0);
        assertThat(JsonReader.at(r, "total.verdicts.avg_p99")).isEqualTo("MET");
        assertThat(JsonReader.at(r, "total.verdicts.gate_pass_rate")).isEqualTo("MISSED");
        assertThat(JsonReader.at(r, "targets.p99_source")).isEqualTo("handbook defaults");
        assertThat(run("report", "--home", home.toString(), "--day", "2026-11-30", "--strict"))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("KPI report, day 2026-11-30 (UTC)", "KPIs missed: gate_pass_rate");
    }

    @Test
    void aWeekListsEachDayAndAnEmptyPeriodHasItsOwnExitCode() throws IOException
    {
        fixture();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve(StationHome.THRESHOLDS), "RTT_P99_EXCELLENT_US=10\nRTT_P99_GATE_US=10\n");
        assertThat(run("report", "--home", home.toString(), "--week", "2026-12-01")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("KPI report, week 2026-11-25 .. 2026-12-01 (UTC)",
            "2026-11-27       0         -         -           -    100.0%  0/0/0/0",
            "2026-11-30       2     11.00     13.00        0.00     50.0%  4/2/1/0",
            "week             2     11.00     13.00        0.00     66.7%  4/2/1/0",
            "avg p99     11.00 us (target < 10 us)  MISSED", "RTT_P99_EXCELLENT_US");
        assertThat(run("report", "--home", home.toString(), "--day", "2026-10-01"))
            .isEqualTo(ReportCommand.EXIT_NO_DATA);
        assertThat(err.toString()).contains("no KPI data for 2026-10-01");
        assertThat(run("report", "--home", home.toString(), "--day", "yesterday"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("not a date");
        assertThat(run("report", "--home", home.toString(), "--day", "2026-11-30", "--week", "2026-11-30"))
            .isEqualTo(StationMain.EXIT_USAGE);
    }
}
