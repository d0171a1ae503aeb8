package com.tradingstation.ops;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTest
{
    // p99 16.5 us (warning), jitter 1.2 us (excellent), 24 MB (warning band 20..50), 12,000 ops/s (warning)
    private final DashboardSnapshot snapshot = new DashboardSnapshot(
        Reports.report(16.5, 1.2, 24L * 1024 * 1024, 12_000), List.of(10.0, 12.0, 16.5));

    @Test
    void withoutColorTheFrameIsPlainTextWithTheBands()
    {
        final String frame = Dashboard.render(snapshot, Thresholds.defaults(), 100, false);
        assertThat(frame).doesNotContain("\u001b");
        assertThat(frame.lines().toList()).contains(
            "Trading Station  Redis 127.0.0.1:6390 (7.0.15, jemalloc-5.3.0)  2026-11-22T08:00:00Z",
            "metric            value  band       gate",
            "P99 RTT        16.50 us  WARNING    <= 12 us",
            "jitter          1.20 us  EXCELLENT  <= 2 us",
            "memory         24.00 MB  WARNING    <= 5 MB",
            "ops/sec          12,000  WARNING    >= 20000 ops/s",
            "PING us  p50 8.50  p90 9.10  p99 16.50  p99.9 19.70  max 26.50  tail span 3.20",
            "memory   used 24.00 MB = station data ? MB + other 24.00 MB (judged)",
            "p99 us   ▁▃█  (last 3 frames, 10..16.5)",
            "thread   pinned to CPU 1; 2000 samples every 1000 us",
            "q quits");
    }

    @Test
    void withColorEachBandWordCarriesItsColorAndNothingElseChanges()
    {
        final String plain = Dashboard.render(snapshot, Thresholds.defaults(), 100, false);
        final String colored = Dashboard.render(snapshot, Thresholds.defaults(), 100, true);
        assertThat(colored).contains("\u001b[33mWARNING\u001b[0m", "\u001b[1;32mEXCELLENT\u001b[0m");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
        final String stop = Dashboard.render(new DashboardSnapshot(Reports.report(25, 6, 1 << 20, 30_000), List.of()),
            Thresholds.defaults(), 100, true);
        assertThat(stop).contains("\u001b[1;31mSTOP\u001b[0m");
        // The memory row judges what is not the station's data: 24 MB used, 22 MB of it the station's.
        final MonitorReport r = Reports.report(16.5, 1.2, 24L * 1024 * 1024, 12_000);
        final MonitorReport market = new MonitorReport(r.time(), r.address(), r.settings(), r.rtt(), r.set(), r.xadd(),
            r.opsPerSec(), r.server().withStationData(22L * 1024 * 1024), r.pin(), r.tid(), r.thread(), r.wallNs());
        assertThat(Dashboard.render(new DashboardSnapshot(market, List.of()), Thresholds.defaults(), 100, false)
            .lines())
            .contains("memory          2.00 MB  EXCELLENT  <= 5 MB", "memory   used 24.00 MB = station data 22.00 MB " +
                "+ other 2.00 MB (judged)");
    }

    @Test
    void everyLineFitsTheWidthAndACutBandWordIsNotColored()
    {
        for (final int width : new int[] {20, 25, 40, 80})
        {
            final String colored = Dashboard.render(snapshot, Thresholds.defaults(), width, true);
            for (final String line : colored.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList())
            {
                assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
            }
            // Every color that is opened is closed.
            assertThat(count(colored, "\u001b[0m")).isEqualTo(count(colored, "\u001b[") - count(colored, "\u001b[0m"));
        }
        assertThat(Dashboard.render(snapshot, Thresholds.defaults(), 25, true)).doesNotContain("\u001b");
    }

    @Test
    void theFooterIsTheCallersAndALoopOffATerminalNeedsAFrameCount()
    {
        final String frame = Dashboard.render(snapshot, Thresholds.defaults(), 100, false, "frame 3 of 5");
        assertThat(frame).endsWith("\nframe 3 of 5\n").doesNotContain("q quits");
        final DashboardLoop offTerminal = new DashboardLoop(com.tradingstation.redis.RedisEndpoint.of("127.0.0.1", 1),
            Thresholds.defaults(), new MonitorSettings(10, 100, 10, -1),
            new java.io.PrintWriter(new java.io.StringWriter()), null, false, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offTerminal.run(100, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame count");
    }

    private static int count(final String s, final String part)
    {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1))
        {
            n++;
        }
        return n;
    }
}
