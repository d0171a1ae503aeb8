package com.tradingstation.ops;

import java.util.List;

/**
 * What one dashboard frame shows: the latest short monitor run and the P99 RTT of the frames
 * before it.
 *
 * @param report       the latest measurement.
 * @param p99HistoryUs P99 RTT of recent frames, oldest first (may be empty).
 */
public record DashboardSnapshot(MonitorReport report, List<Double> p99HistoryUs)
{
}
