package com.tradingstation.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Proposes thresholds for this host from several monitor runs: the original bands came from bare
 * metal, and a virtual machine's loopback is several times slower. For each metric it takes the
 * worst run (highest latency or memory, lowest ops/sec), moves it by the margin (latency and
 * memory up, ops/sec down) and makes that the excellent boundary and the gate limit; the good and
 * warning boundaries keep the original bands' ratios to the excellent one (RTT 15/12 and 20/12,
 * jitter 3/2 and 5/2, memory 20/5 and 50/5, ops 15/20 and 10/20). Memory never proposes less than
 * the current limit (it follows the dataset, not the host). The tolerance is kept. Pure.
 */
public final class Calibrator
{
    private Calibrator()
    {
    }

    /**
     * A proposal and how it was made.
     *
     * @param thresholds the proposed thresholds.
     * @param header     comment lines recording the runs, the worst values and the margin.
     */
    public record Proposal(Thresholds thresholds, List<String> header)
    {
        /** @return the perf-thresholds.env text. */
        public String text()
        {
            return thresholds.format(header);
        }
    }

    /**
     * @param runs       monitor runs on this host (at least one).
     * @param current    the thresholds in force (memory floor, tolerance).
     * @param marginPct  margin in percent applied to the worst run.
     * @param host       host name for the header.
     * @return the proposal.
     */
    public static Proposal propose(final List<MonitorReport> runs, final Thresholds current, final double marginPct,
        final String host)
    {
        if (runs.isEmpty())
        {
            throw new IllegalArgumentException("calibration needs at least one run");
        }
        if (!(marginPct >= 0 && marginPct < 100))
        {
            throw new IllegalArgumentException("--margin-pct must be 0..100 (exclusive), got " + marginPct);
        }
        final double up = 1 + marginPct / 100.0;
        final double down = 1 - marginPct / 100.0;
        final List<GateMetrics> m = runs.stream().map(GateMetrics::of).toList();
        final double p99 = worst(m, Thresholds.RTT_P99, true);
        final double jitter = worst(m, Thresholds.JITTER, true);
        final double memory = worst(m, Thresholds.MEMORY, true);
        final double ops = worst(m, Thresholds.OPS, false);

        final Map<String, MetricLimits> limits = new LinkedHashMap<>();
        final double rttE = ceil2(p99 * up);
        limits.put(Thresholds.RTT_P99, new MetricLimits(Thresholds.RTT_P99, "us", false, rttE, ceil2(rttE * 15 / 12),
            ceil2(rttE * 20 / 12), rttE));
        final double jitE = ceil2(Math.max(jitter * up, 0.01));
        limits.put(Thresholds.JITTER, new MetricLimits(Thresholds.JITTER, "us", false, jitE, ceil2(jitE * 3 / 2),
            ceil2(jitE * 5 / 2), jitE));
        final MetricLimits curMem = current.limits(Thresholds.MEMORY);
        final double memE = Math.max(curMem.excellent(), ceil2(memory * up));
        limits.put(Thresholds.MEMORY, new MetricLimits(Thresholds.MEMORY, "MB", false, memE, ceil2(memE * 4),
            ceil2(memE * 10), Math.max(curMem.gate(), memE)));
        final double opsE = Math.floor(ops * down);
        limits.put(Thresholds.OPS, new MetricLimits(Thresholds.OPS, "ops/s", true, opsE, Math.floor(opsE * 15 / 20),
            Math.floor(opsE * 10 / 20), opsE));
        final Thresholds proposed = new Thresholds(limits, current.tolerancePct());

        final List<String> header = new ArrayList<>();
        header.add("Proposed by station gate --calibrate on " + host + " at " + runs.get(runs.size() - 1).time());
        header.add(String.format(Locale.ROOT,
            "Redis %s, %d runs of %d samples every %d us; margin %s%% on the worst run",
            runs.get(0).address(), runs.size(), runs.get(0).settings().samples(), runs.get(0).settings().intervalUs(),
            MetricLimits.fmt(marginPct)));
        for (final String metric : Thresholds.metrics())
        {
            header.add(String.format(Locale.ROOT, "observed %s per run: %s", metric,
                m.stream().map(g -> MetricLimits.fmt(g.value(metric))).collect(Collectors.joining(", "))));
        }
        header.add("Bands keep the original ratios to the excellent boundary; the gate limit is the excellent " +
            "boundary.");
        header.add("Review, then copy over config/perf-thresholds.env (or pass --thresholds) to use it.");
        return new Proposal(proposed, header);
    }

    private static double worst(final List<GateMetrics> runs, final String metric, final boolean highest)
    {
        double w = highest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (final GateMetrics g : runs)
        {
            final double v = g.value(metric);
            if (Double.isNaN(v))
            {
                throw new IllegalArgumentException(metric + " was not measured in every run");
            }
            w = highest ? Math.max(w, v) : Math.min(w, v);
        }
        return w;
    }

    private static double ceil2(final double v)
    {
        return Math.ceil(v * 100 - 1e-9) / 100;
    }
}
