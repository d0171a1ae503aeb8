package com.tradingstation.ops;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibratorTest
{
    @Test
    void theWorstRunPlusTheMarginBecomesTheLimitAndTheBandsKeepTheOriginalRatios()
    {
        final List<MonitorReport> runs = List.of(Reports.report(40, 10, 1 << 20, 30_000),
            Reports.report(48, 12, 2 << 20, 26_000), Reports.report(44, 11, 1 << 20, 28_000));
        final Calibrator.Proposal p = Calibrator.propose(runs, Thresholds.defaults(), 25, "host1");
        final Thresholds t = p.thresholds();
        final MetricLimits rtt = t.limits(Thresholds.RTT_P99);
        assertThat(rtt.gate()).isEqualTo(60.0);      // 48 x 1.25
        assertThat(rtt.excellent()).isEqualTo(60.0);
        assertThat(rtt.good()).isEqualTo(75.0);      // x 15/12
        assertThat(rtt.warning()).isEqualTo(100.0);  // x 20/12
        assertThat(t.limits(Thresholds.JITTER).gate()).isEqualTo(15.0);
        assertThat(t.limits(Thresholds.OPS).gate()).isEqualTo(19_500.0); // 26,000 x 0.75
        assertThat(t.limits(Thresholds.OPS).warning()).isEqualTo(9_750.0);
        assertThat(t.limits(Thresholds.MEMORY).gate()).isEqualTo(5.0);  // never below the current limit
        assertThat(t.tolerancePct()).isEqualTo(5);
        assertThat(p.header()).anyMatch(h -> h.contains("3 runs") && h.contains("margin 25%"))
            .anyMatch(h -> h.equals("observed rtt_p99_us per run: 40, 48, 44"));
        // What it writes reads back as the same thresholds.
        assertThat(Thresholds.parse(p.text(), "proposal").canonical()).isEqualTo(t.canonical());
        // Every run would pass the proposal.
        for (final MonitorReport r : runs)
        {
            assertThat(Gate.overall(Gate.decide(GateMetrics.of(r), t))).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void refusesNoRunsAndAbsurdMargins()
    {
        assertThatThrownBy(() -> Calibrator.propose(List.of(), Thresholds.defaults(), 25, "h"))
            .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Calibrator.propose(List.of(Reports.report(1, 1, 1, 1)), Thresholds.defaults(), 100,
            "h"))
            .hasMessageContaining("--margin-pct");
    }
}
