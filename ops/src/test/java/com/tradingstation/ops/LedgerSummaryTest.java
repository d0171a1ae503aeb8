package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerSummaryTest
{
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static Map<String, Object> entry(final Instant t, final String verdict, final double p99)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", t.toString());
        m.put("verdict", verdict);
        m.put("redis", "127.0.0.1:6390");
        m.put("metrics", Map.of(Thresholds.RTT_P99, p99));
        return m;
    }

    private static GateLedger.Contents ledger(final int days, final int fails)
    {
        final List<Map<String, Object>> e = new ArrayList<>();
        for (int i = 0; i < days; i++)
        {
            e.add(entry(NOW.minus(Duration.ofHours(24L * (days - i) - 1)), i < fails ? "FAIL" : "PASS", 10 + i * 0.1));
        }
        return new GateLedger.Contents(e, List.of(), false);
    }

    @Test
    void theKpiNeedsMoreThanNinetyFivePercentPassInTheWindow()
    {
        // 20 decisions, 1 fail = 95.0%: not above 95%.
        final LedgerSummary at95 = LedgerSummary.of(ledger(20, 1), Duration.ofDays(30), NOW, 5);
        assertThat(at95.total()).isEqualTo(20);
        assertThat(at95.passRate()).isEqualTo(0.95);
        assertThat(at95.kpiMet()).isFalse();
        assertThat(at95.problems()).isTrue();
        // 25 decisions, 1 fail = 96%.
        final LedgerSummary at96 = LedgerSummary.of(ledger(25, 1), Duration.ofDays(30), NOW, 5);
        assertThat(at96.kpiMet()).isTrue();
        assertThat(at96.problems()).isFalse();
        assertThat(at96.recent()).hasSize(5);
        assertThat(at96.toText()).contains("96.0%", "met");
    }

    @Test
    void theWindowKeepsOnlyRecentDecisionsAndTheTrendComparesHalves()
    {
        // 25 daily decisions, the first (the only FAIL) is 25 days old: a 7-day window sees 7 passes.
        final LedgerSummary week = LedgerSummary.of(ledger(25, 1), Duration.ofDays(7), NOW, 3);
        assertThat(week.total()).isEqualTo(7);
        assertThat(week.failed()).isZero();
        assertThat(week.p99Us()).hasSize(7);
        assertThat(week.trend()).isEqualTo("flat"); // 11.9..12.4: within 5%
        final List<Map<String, Object>> rising = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            rising.add(entry(NOW.minusSeconds(600 - i * 60L), "PASS", i < 3 ? 10 : 14));
        }
        final LedgerSummary r = LedgerSummary.of(new GateLedger.Contents(rising, List.of(), false), Duration.ofHours(1),
            NOW, 10);
        assertThat(r.olderMedianP99Us()).isEqualTo(10);
        assertThat(r.newerMedianP99Us()).isEqualTo(14);
        assertThat(r.trend()).isEqualTo("rising");
        assertThat(r.toJson()).contains("\"direction\":\"rising\"", "\"decisions\":6");
        final LedgerSummary empty = LedgerSummary.of(new GateLedger.Contents(List.of(), List.of(), false),
            Duration.ofDays(7), NOW, 10);
        assertThat(empty.kpiMet()).isFalse();
        assertThat(empty.trend()).isEqualTo("n/a");
    }

    @Test
    void aDecisionThatCouldNotMeasureIsKeptAsSuchAndCountsAgainstThePassRate()
    {
        final GateDecision unmeasured = GateDecision.unmeasured(NOW.minusSeconds(60), "vm", "127.0.0.1:1",
            Thresholds.defaults(), "built-in defaults", "UNREACHABLE", "127.0.0.1:1: connection refused");
        final Map<String, Object> line = JsonReader.parseObject(unmeasured.toJson());
        assertThat(line).containsEntry("schema", GateDecision.SCHEMA).containsEntry("verdict", "UNMEASURED")
            .containsEntry("failure", "UNREACHABLE").containsEntry("error", "127.0.0.1:1: connection refused")
            .containsEntry("thresholds_sha256", Thresholds.defaults().sha256()).containsEntry("metrics", Map.of())
            .containsEntry("reasons", List.of("could not measure: 127.0.0.1:1: connection refused"));
        assertThat(unmeasured.toText()).startsWith("gate: UNMEASURED (Redis 127.0.0.1:1").contains("could not measure");

        // 24 passes and one morning that could not measure: 96% passes the KPI, as a FAIL would.
        final List<Map<String, Object>> e = new ArrayList<>(ledger(24, 0).entries());
        e.add(line);
        final LedgerSummary s = LedgerSummary.of(new GateLedger.Contents(e, List.of(), false), Duration.ofDays(30), NOW,
            3);
        assertThat(s.total()).isEqualTo(25);
        assertThat(s.unmeasured()).isEqualTo(1);
        assertThat(s.failed()).isZero();
        assertThat(s.passRate()).isEqualTo(0.96);
        // 19 passes and one that could not measure: 95%, not more, so the KPI is missed.
        final List<Map<String, Object>> e20 = new ArrayList<>(ledger(19, 0).entries());
        e20.add(line);
        final LedgerSummary s20 = LedgerSummary.of(new GateLedger.Contents(e20, List.of(), false), Duration.ofDays(30),
            NOW, 3);
        assertThat(s20.kpiMet()).isFalse();
        assertThat(s20.toJson())
            .contains("\"unmeasured\":1", "\"kpi_met\":false", "\"error\":\"127.0.0.1:1: connection refused\"");
        assertThat(s20.toText())
            .contains("0 fail, 1 unmeasured", "UNMEASURED  127.0.0.1:1  could not measure: 127.0.0.1:1");
    }
}
