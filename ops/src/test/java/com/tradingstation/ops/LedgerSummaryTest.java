package com.tradingstation.ops;

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
        final LedgerSummary r = LedgerSummary.of(new GateLedger.Contents(rising, List.of(), false), Duration.ofHours(1), NOW, 10);
        assertThat(r.olderMedianP99Us()).isEqualTo(10);
        assertThat(r.newerMedianP99Us()).isEqualTo(14);
        assertThat(r.trend()).isEqualTo("rising");
        assertThat(r.toJson()).contains("\"direction\":\"rising\"", "\"decisions\":6");
        final LedgerSummary empty = LedgerSummary.of(new GateLedger.Contents(List.of(), List.of(), false), Duration.ofDays(7), NOW, 10);
        assertThat(empty.kpiMet()).isFalse();
        assertThat(empty.trend()).isEqualTo("n/a");
    }
}
