package com.tradingstation.ops;

import java.time.Instant;

/** Known monitor reports for tests that must not depend on a measurement. */
final class Reports
{
    static final Instant TIME = Instant.parse("2026-11-22T08:00:00Z");

    private Reports()
    {
    }

    static MonitorReport report(final double p99Us, final double jitterUs, final long usedMemoryBytes,
        final double opsPerSec)
    {
        final LatencyStats rtt = new LatencyStats(2000, 8.5, 9.1, p99Us, p99Us + 3.2, p99Us + 10, 8.7, 1.1, jitterUs,
            3.2);
        final LatencyStats set = new LatencyStats(2000, 4.1, 4.5, 5.0, 6.0, 9.0, 4.2, 0.5, 0.8, 1.0);
        final LatencyStats xadd = new LatencyStats(2000, 5.1, 5.5, 6.5, 7.5, 12.0, 5.2, 0.6, 0.9, 1.0);
        final ServerStats server = new ServerStats("7.0.15", "jemalloc-5.3.0", 1234, usedMemoryBytes, 7.5, 1.2, 2.3, 2);
        return new MonitorReport(TIME, "127.0.0.1:6390", new MonitorSettings(2000, 1000, 500, 1), rtt, set, xadd,
            opsPerSec,
            server, new CpuPin(1, true, "1", "pinned"), 4242, new ThreadProbe.Counters(5_000_000, 2000, 3, 0),
            6_100_000_000L);
    }
}
