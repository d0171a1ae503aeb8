package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KpiReportTest
{
    private static final long MIB = 1L << 20;
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    @TempDir
    Path home;

    private static String sample(final String time, final double p99, final long used, final double frag)
    {
        return new JsonWriter().beginObject().field("schema", KpiSampler.SCHEMA).field("time", time)
            .field("samples", 200).field("p99_us", p99).field("used_memory", used).field("used_memory_rss", used * 2)
            .field("mem_fragmentation_ratio", frag).endObject().toString() + "\n";
    }

    private static String tailRun(final String startedAt, final long sched, final long irq, final long alloc,
        final long unknown)
    {
        return new JsonWriter().beginObject().field("startedAt", startedAt).name("classCounts").beginObject()
            .field("SCHED", sched).field("IRQ", irq).field("ALLOC", alloc).field("UNKNOWN", unknown).endObject()
            .endObject().toString();
    }

    /** Dec 1: p99 10, 11, 12, 16 and 1 → 2 MiB over 3 h; Nov 28: p99 8, 9 at a steady 1 MiB. */
    private Path fixture() throws IOException
    {
        final Path days = Files.createDirectories(home.resolve("state/days"));
        Files.writeString(days.resolve("2026-12-01.jsonl"), sample("2026-12-01T08:00:00Z", 10, MIB, 1.1) +
            sample("2026-12-01T09:00:00Z", 11, MIB + MIB / 2, 1.4) + "not json\n" +
            sample("2026-12-01T10:00:00Z", 12, MIB + MIB / 4, 1.2) + sample("2026-12-01T11:00:00Z", 16, 2 * MIB, 1.3));
        Files.writeString(days.resolve("2026-11-28.jsonl"), sample("2026-11-28T09:00:00Z", 8, MIB, 1.0) +
            sample("2026-11-28T10:00:00Z", 9, MIB, 1.0));
        final Path ledger = home.resolve("logs/gate-decisions.log");
        for (int i = 0; i < 5; i++)
        {
            GateLedger.append(ledger, LedgerRotationTest.decision(Instant.parse("2026-11-28T07:0" + i + ":00Z"), "PASS",
                9));
        }
        for (int i = 0; i < 10; i++)
        {
            GateLedger.append(ledger, LedgerRotationTest.decision(Instant.parse("2026-12-01T07:0" + i + ":00Z"),
                i == 4 ? "FAIL" : "PASS", 10));
            if (i == 5)
            {
                LedgerRotation.rotate(ledger);
            }
        }
        GateLedger.append(ledger, LedgerRotationTest.decision(Instant.parse("2026-12-02T00:00:00Z"), "FAIL", 10));
        final Path tail = Files.createDirectories(home.resolve("state/tail-runs"));
        Files.writeString(tail.resolve("a.json"), tailRun("2026-12-01T08:30:00Z", 3, 1, 0, 2));
        Files.writeString(tail.resolve("b.json"), tailRun("2026-11-28T12:00:00Z", 1, 0, 2, 0));
        Files.writeString(tail.resolve("c.json"), tailRun("2026-11-20T12:00:00Z", 100, 100, 100, 100));
        Files.writeString(tail.resolve("bad.json"), "{\"startedAt\":");
        return ledger;
    }

    private KpiReport report(final String kind, final LocalDate to, final KpiTargets t) throws IOException
    {
        return KpiReport.load(kind, to, home.resolve("state/days"), home.resolve("state/tail-runs"),
            LedgerRotation.readAll(home.resolve("logs/gate-decisions.log")), t);
    }

    @Test
    void aDayHasItsAveragePeakMemoryPassRateAndTailClassesWithAVerdictEach() throws IOException
    {
        fixture();
        final KpiReport r = report("day", DAY, KpiTargets.handbook());
        final KpiReport.Row d = r.total();
        assertThat(r.days()).hasSize(1);
        assertThat(d.samples()).hasSize(4);
        assertThat(d.avgP99Us()).isEqualTo(12.25);
        assertThat(d.peakP99Us()).isEqualTo(16);
        assertThat(d.firstMemory()).isEqualTo(MIB);
        assertThat(d.lastMemory()).isEqualTo(2 * MIB);
        assertThat(d.minMemory()).isEqualTo(MIB);
        assertThat(d.maxMemory()).isEqualTo(2 * MIB);
        assertThat(d.growthMbPerHour()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(d.fragMin()).isEqualTo(1.1);
        assertThat(d.fragMax()).isEqualTo(1.4);
        assertThat(d.gate().total()).isEqualTo(10);
        assertThat(d.gate().passed()).isEqualTo(9);
        assertThat(d.tailRuns()).isEqualTo(1);
        assertThat(d.tailCounts()).containsExactly(Map.entry("SCHED", 3L), Map.entry("IRQ", 1L),
            Map.entry("ALLOC", 0L), Map.entry("UNKNOWN", 2L));
        assertThat(d.verdicts(r.targets())).containsExactly(Map.entry("avg_p99", KpiReport.Kpi.MISSED),
            Map.entry("peak_p99", KpiReport.Kpi.MISSED), Map.entry("memory_growth", KpiReport.Kpi.MET),
            Map.entry("gate_pass_rate", KpiReport.Kpi.MISSED));
        assertThat(r.missed()).containsExactly("avg_p99", "peak_p99", "gate_pass_rate");
        assertThat(r.notes()).hasSize(2).anyMatch(n -> n.contains("2026-12-01.jsonl: skipped 1 unreadable line"))
            .anyMatch(n -> n.contains("bad.json: not a tail run"));
        final Map<String, Object> json = JsonReader.parseObject(r.toJson());
        assertThat(JsonReader.at(json, "total.avg_p99_us")).isEqualTo(12.25);
        assertThat(JsonReader.at(json, "total.gate.pass_rate_pct")).isEqualTo(90.0);
        assertThat(JsonReader.at(json, "total.tail.class_counts.UNKNOWN")).isEqualTo(2.0);
        assertThat(JsonReader.at(json, "total.verdicts.memory_growth")).isEqualTo("MET");
        assertThat(JsonReader.at(json, "targets.p99_source")).isEqualTo(KpiTargets.HANDBOOK);
        assertThat(r.toText()).contains("avg p99     12.25 us (target < 12 us)  MISSED",
            "gate        9 of 10 pass (90.0%", "tail events SCHED 3, IRQ 1, ALLOC 0, UNKNOWN 2 (1 run(s))",
            "KPIs missed: avg_p99, peak_p99, gate_pass_rate");
    }

    @Test
    void aWeekHasARowPerDayAndTotalsOverAllItsSamples() throws IOException
    {
        fixture();
        final KpiReport w = report("week", DAY, KpiTargets.handbook());
        assertThat(w.from()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(w.days()).extracting(row -> row.samples().size()).containsExactly(0, 0, 0, 2, 0, 0, 4);
        assertThat(w.days().get(3).avgP99Us()).isEqualTo(8.5);
        assertThat(w.days().get(3).gate().passRate()).isEqualTo(1.0);
        assertThat(w.days().get(0).hasData()).isFalse();
        final KpiReport.Row t = w.total();
        assertThat(t.avgP99Us()).isEqualTo(11.0);
        assertThat(t.peakP99Us()).isEqualTo(16);
        assertThat(t.growthMbPerHour()).isCloseTo(1.0 / 74, within(1e-9));
        assertThat(t.gate().total()).isEqualTo(15);
        assertThat(t.gate().passed()).isEqualTo(14);
        assertThat(t.tailCounts()).containsEntry("SCHED", 4L).containsEntry("ALLOC", 2L);
        assertThat(t.tailRuns()).isEqualTo(2);
        assertThat(w.missed()).containsExactly("peak_p99", "gate_pass_rate");
        assertThat(w.toText()).contains("2026-11-28       2      8.50      9.00        0.00    100.0%  1/0/2/0",
            "week             6     11.00     16.00        0.01     93.3%  4/1/2/2");
        final KpiReport empty = report("day", LocalDate.parse("2026-11-26"), KpiTargets.handbook());
        assertThat(empty.hasData()).isFalse();
        assertThat(empty.total().verdicts(empty.targets())).containsOnlyKeys("avg_p99", "peak_p99", "memory_growth",
            "gate_pass_rate").allSatisfy((k, v) -> assertThat(v).isEqualTo(KpiReport.Kpi.NO_DATA));
    }

    @Test
    void memoryGrowthIsNotJudgedOnSamplesSpanningLessThanFifteenMinutes() throws IOException
    {
        final Path days = Files.createDirectories(home.resolve("state/days"));
        Files.writeString(days.resolve("2026-12-03.jsonl"), sample("2026-12-03T08:00:00Z", 10, MIB, 1.1)
            + sample("2026-12-03T08:14:59Z", 10, MIB + 1024, 1.1));
        final KpiReport shortDay = report("day", LocalDate.parse("2026-12-03"), KpiTargets.handbook());
        assertThat(shortDay.total().growthMbPerHour()).isNaN();
        assertThat(shortDay.total().verdicts(shortDay.targets())).containsEntry("memory_growth", KpiReport.Kpi.NO_DATA)
            .containsEntry("avg_p99", KpiReport.Kpi.MET);
        Files.writeString(days.resolve("2026-12-03.jsonl"), sample("2026-12-03T08:15:01Z", 10, MIB + 2 * MIB, 1.1),
            StandardOpenOption.APPEND);
        final KpiReport longer = report("day", LocalDate.parse("2026-12-03"), KpiTargets.handbook());
        assertThat(longer.total().verdicts(longer.targets())).containsEntry("memory_growth", KpiReport.Kpi.MISSED);
    }

    @Test
    void theP99TargetsComeFromTheThresholdsFileWhenItSetsThem() throws IOException
    {
        fixture();
        assertThat(KpiTargets.from(null)).isEqualTo(KpiTargets.handbook());
        final Path without = Files.writeString(home.resolve("a.env"), "JITTER_GATE_US=3\n");
        assertThat(KpiTargets.from(without)).isEqualTo(KpiTargets.handbook());
        final Path with = Files.writeString(home.resolve("b.env"),
            "export RTT_P99_EXCELLENT_US=20\nRTT_P99_GOOD_US=25\nRTT_P99_WARNING_US=30\nRTT_P99_GATE_US=20\n");
        final KpiTargets t = KpiTargets.from(with);
        assertThat(t.avgP99Us()).isEqualTo(20);
        assertThat(t.peakP99Us()).isEqualTo(25);
        assertThat(t.p99Source()).contains("b.env", "RTT_P99_EXCELLENT_US", "RTT_P99_GOOD_US");
        assertThat(t.otherSource()).isEqualTo(KpiTargets.HANDBOOK);
        assertThat(report("day", DAY, t).missed()).containsExactly("gate_pass_rate");
        assertThat(List.of(t.passRatePct(), t.memoryGrowthMbPerHour())).containsExactly(95.0, 1.0);
    }
}
