package com.tradingstation.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gated metrics of one measurement, by name of {@link Thresholds#metrics()}, plus the other
 * figures the ledger keeps for trends. Values are NaN when not measured.
 *
 * @param values gated metric name to value.
 * @param extra  further figures recorded but not gated (set/xadd p99, rtt p99.9, ...).
 */
public record GateMetrics(Map<String, Double> values, Map<String, Double> extra)
{
    /**
     * @param r a monitor run.
     * @return its gated metrics: PING p99 and jitter, memory MB beyond the station's own data, closed-loop ops/sec.
     */
    public static GateMetrics of(final MonitorReport r)
    {
        final Map<String, Double> v = new LinkedHashMap<>();
        v.put(Thresholds.RTT_P99, r.rtt().p99Us());
        v.put(Thresholds.JITTER, r.rtt().jitterUs());
        // Memory beyond the station's own market data (see ServerStats#otherMemoryMb).
        v.put(Thresholds.MEMORY, r.server().otherMemoryMb());
        v.put(Thresholds.OPS, r.opsPerSec());
        final Map<String, Double> e = new LinkedHashMap<>();
        e.put("rtt_p50_us", r.rtt().p50Us());
        e.put("rtt_p999_us", r.rtt().p999Us());
        e.put("rtt_tail_span_us", r.rtt().tailSpanUs());
        e.put("set_p99_us", r.set().p99Us());
        e.put("set_jitter_us", r.set().jitterUs());
        e.put("xadd_p99_us", r.xadd().p99Us());
        e.put("xadd_jitter_us", r.xadd().jitterUs());
        e.put("allocator_frag_ratio", r.server().allocatorFragRatio());
        e.put("used_memory_mb", r.server().usedMemoryBytes() < 0 ? Double.NaN : r.server().usedMemoryMb());
        e.put("station_data_mb", r.server().stationDataMb());
        return new GateMetrics(v, e);
    }

    /**
     * @param metric a gated metric name.
     * @return its value, NaN when absent.
     */
    public double value(final String metric)
    {
        final Double d = values.get(metric);
        return d == null ? Double.NaN : d;
    }
}
