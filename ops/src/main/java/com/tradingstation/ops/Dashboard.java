package com.tradingstation.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders one dashboard frame as text: the four gated metrics colored by their threshold band,
 * then the latency detail, server figures, P99 history and the measuring thread. Pure: the same
 * snapshot, thresholds, width and color flag always give the same string, with no terminal control
 * codes other than the SGR colors (and none at all without color).
 */
public final class Dashboard
{
    /** SGR reset. */
    public static final String RESET = "\u001b[0m";

    private Dashboard()
    {
    }

    /**
     * @param band a band.
     * @return its SGR color: excellent bold green, good green, warning yellow, stop bold red.
     */
    public static String color(final Band band)
    {
        return switch (band)
        {
            case EXCELLENT -> "\u001b[1;32m";
            case GOOD -> "\u001b[32m";
            case WARNING -> "\u001b[33m";
            case STOP -> "\u001b[1;31m";
        };
    }

    /**
     * @param snapshot   what to show.
     * @param thresholds the bands.
     * @param width      terminal columns; every line is cut to it (minimum 20).
     * @param color      whether to emit SGR colors.
     * @return the frame, lines ending in {@code \n}.
     */
    public static String render(final DashboardSnapshot snapshot, final Thresholds thresholds, final int width,
        final boolean color)
    {
        return render(snapshot, thresholds, width, color, "q quits");
    }

    /**
     * @param snapshot   what to show.
     * @param thresholds the bands.
     * @param width      terminal columns; every line is cut to it (minimum 20).
     * @param color      whether to emit SGR colors.
     * @param footer     the last line: {@code q quits} on a terminal, where the frame count stands elsewhere.
     * @return the frame, lines ending in {@code \n}.
     */
    public static String render(final DashboardSnapshot snapshot, final Thresholds thresholds, final int width,
        final boolean color, final String footer)
    {
        final int w = Math.max(20, width);
        final MonitorReport r = snapshot.report();
        final GateMetrics m = GateMetrics.of(r);
        final List<String> lines = new ArrayList<>();
        final List<Band> lineBands = new ArrayList<>();
        add(lines, lineBands, String.format(Locale.ROOT, "Trading Station  Redis %s (%s, %s)  %s", r.address(),
            r.server().version(), r.server().allocator(), r.time()), null);
        add(lines, lineBands, "-".repeat(w), null);
        add(lines, lineBands, String.format(Locale.ROOT, "%-10s %12s  %-9s  %s", "metric", "value", "band", "gate"),
            null);
        for (final String metric : Thresholds.metrics())
        {
            final MetricLimits l = thresholds.limits(metric);
            final double v = m.value(metric);
            final Band band = l.band(v);
            add(lines, lineBands,
                String.format(Locale.ROOT, "%-10s %12s  %-9s  %s %s %s", label(metric), value(metric, v),
                band.name(), l.higherIsBetter() ? ">=" : "<=", MetricLimits.fmt(l.gate()), l.unit()), band);
        }
        add(lines, lineBands, "-".repeat(w), null);
        final LatencyStats p = r.rtt();
        add(lines, lineBands,
            String.format(Locale.ROOT, "PING us  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  tail span %.2f",
            p.p50Us(), p.p90Us(), p.p99Us(), p.p999Us(), p.maxUs(), p.tailSpanUs()), null);
        add(lines, lineBands,
            String.format(Locale.ROOT,
                "SET us   p50 %.2f  p99 %.2f  jitter %.2f    XADD us  p50 %.2f  p99 %.2f  jitter %.2f",
            r.set().p50Us(), r.set().p99Us(), r.set().jitterUs(), r.xadd().p50Us(), r.xadd().p99Us(),
            r.xadd().jitterUs()), null);
        add(lines, lineBands,
            String.format(Locale.ROOT, "server   ops/sec %,d  clients %d  frag mem %.2f  allocator %.2f  rss %.2f",
            r.server().serverOpsPerSec(), r.server().connectedClients(), r.server().memFragmentationRatio(),
            r.server().allocatorFragRatio(), r.server().allocatorRssRatio()), null);
        add(lines, lineBands,
            String.format(Locale.ROOT, "memory   used %.2f MB = station data %s MB + other %.2f MB (judged)",
            r.server().usedMemoryMb(), Double.isNaN(r.server().stationDataMb()) ? "?"
                : String.format(Locale.ROOT, "%.2f", r.server().stationDataMb()), r.server().otherMemoryMb()), null);
        add(lines, lineBands,
            "p99 us   " + LedgerSummary.sparkline(snapshot.p99HistoryUs()) + (snapshot.p99HistoryUs().isEmpty()
            ? "" : String.format(Locale.ROOT, "  (last %d frames, %s..%s)", snapshot.p99HistoryUs().size(),
            MetricLimits.fmt(min(snapshot.p99HistoryUs())), MetricLimits.fmt(max(snapshot.p99HistoryUs())))), null);
        add(lines, lineBands, String.format(Locale.ROOT, "thread   %s; %d samples every %d us", r.pin().pinned()
            ? "pinned to CPU " + r.pin().requestedCpu() : "not pinned (CPUs " + r.pin().cpusAllowed() + ")",
            r.settings().samples(), r.settings().intervalUs()), null);
        add(lines, lineBands, footer, null);

        final StringBuilder sb = new StringBuilder(2048);
        for (int i = 0; i < lines.size(); i++)
        {
            String line = lines.get(i);
            if (line.length() > w)
            {
                line = line.substring(0, w);
            }
            final Band band = lineBands.get(i);
            if (color && band != null)
            {
                // Color the band word only when the cut line still holds all of it.
                final int at = line.indexOf(band.name());
                if (at >= 0)
                {
                    line = line.substring(0, at) + color(band) + band.name() + RESET +
                        line.substring(at + band.name().length());
                }
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static void add(final List<String> lines, final List<Band> bands, final String line, final Band band)
    {
        lines.add(line.stripTrailing());
        bands.add(band);
    }

    private static String label(final String metric)
    {
        return switch (metric)
        {
            case Thresholds.RTT_P99 -> "P99 RTT";
            case Thresholds.JITTER -> "jitter";
            case Thresholds.MEMORY -> "memory";
            default -> "ops/sec";
        };
    }

    private static String value(final String metric, final double v)
    {
        if (Double.isNaN(v))
        {
            return "?";
        }
        return switch (metric)
        {
            case Thresholds.MEMORY -> String.format(Locale.ROOT, "%.2f MB", v);
            case Thresholds.OPS -> String.format(Locale.ROOT, "%,d", (long)v);
            default -> String.format(Locale.ROOT, "%.2f us", v);
        };
    }

    private static double min(final List<Double> v)
    {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(final List<Double> v)
    {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
