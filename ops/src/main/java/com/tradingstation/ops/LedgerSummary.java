package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the weekly review reads from the ledger: the recent decisions, the pass rate over a window
 * against the KPI (more than 95% PASS), and the P99 RTT trend (median of the older half of the
 * window against the newer half). Every decision in the window counts, UNMEASURED ones included:
 * a morning the gate could not measure is a morning it did not pass. Pure; built by {@link #of}.
 *
 * @param window      the window length.
 * @param now         the end of the window.
 * @param total       decisions in the window.
 * @param passed      PASS decisions in the window.
 * @param softFailed  SOFT_FAIL decisions in the window.
 * @param failed      FAIL decisions in the window (and lines with a verdict this version does not know).
 * @param unmeasured  UNMEASURED decisions in the window: the gate could not measure.
 * @param p99Us       rtt_p99_us of the decisions in the window, oldest first.
 * @param recent      the last N decisions of the whole ledger, oldest first.
 * @param badLines    1-based numbers of lines skipped as unreadable.
 * @param tornLastLine whether the last line was torn.
 */
public record LedgerSummary(
    Duration window, Instant now, int total, int passed, int softFailed, int failed, int unmeasured, List<Double> p99Us,
    List<Map<String, Object>> recent, List<Integer> badLines, boolean tornLastLine)
{
    /** The original KPI: more than 95% of gate decisions pass. */
    public static final double KPI_PASS_RATE = 0.95;

    /**
     * @param contents the ledger as read.
     * @param window   how far back the pass rate and trend look.
     * @param now      the end of the window.
     * @param recentN  how many of the last decisions to list.
     * @return the summary.
     */
    public static LedgerSummary of(final GateLedger.Contents contents, final Duration window, final Instant now,
        final int recentN)
    {
        final Instant from = now.minus(window);
        int total = 0;
        int pass = 0;
        int soft = 0;
        int fail = 0;
        int unmeasured = 0;
        final List<Double> p99 = new ArrayList<>();
        for (final Map<String, Object> e : contents.entries())
        {
            final Instant t = time(e);
            if (t == null || t.isBefore(from) || t.isAfter(now))
            {
                continue;
            }
            total++;
            switch (String.valueOf(e.get("verdict")))
            {
                case "PASS" -> pass++;
                case "SOFT_FAIL" -> soft++;
                case "UNMEASURED" -> unmeasured++;
                default -> fail++;
            }
            if (JsonReader.at(e, "metrics." + Thresholds.RTT_P99) instanceof Double d)
            {
                p99.add(d);
            }
        }
        final List<Map<String, Object>> all = contents.entries();
        final List<Map<String, Object>> recent = all.subList(Math.max(0, all.size() - recentN), all.size());
        return new LedgerSummary(window, now, total, pass, soft, fail, unmeasured, List.copyOf(p99),
            List.copyOf(recent),
            contents.badLines(), contents.tornLastLine());
    }

    private static Instant time(final Map<String, Object> e)
    {
        try
        {
            return Instant.parse(String.valueOf(e.get("time")));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    /** @return PASS share of the window's decisions, NaN when there are none. */
    public double passRate()
    {
        return total == 0 ? Double.NaN : (double)passed / total;
    }

    /** @return whether the window meets the KPI (false when it has no decisions). */
    public boolean kpiMet()
    {
        return total > 0 && passRate() > KPI_PASS_RATE;
    }

    /** @return median P99 of the older half of the window, NaN with fewer than two values. */
    public double olderMedianP99Us()
    {
        return p99Us.size() < 2 ? Double.NaN : median(p99Us.subList(0, p99Us.size() / 2));
    }

    /** @return median P99 of the newer half of the window, NaN with fewer than two values. */
    public double newerMedianP99Us()
    {
        return p99Us.size() < 2 ? Double.NaN : median(p99Us.subList(p99Us.size() / 2, p99Us.size()));
    }

    /** @return {@code rising}, {@code falling} or {@code flat} (within 5%), or {@code n/a}. */
    public String trend()
    {
        final double older = olderMedianP99Us();
        final double newer = newerMedianP99Us();
        if (Double.isNaN(older) || Double.isNaN(newer))
        {
            return "n/a";
        }
        if (newer > older * 1.05)
        {
            return "rising";
        }
        if (newer < older * 0.95)
        {
            return "falling";
        }
        return "flat";
    }

    /** @return whether the review found something: KPI missed, no decisions, or unreadable lines. */
    public boolean problems()
    {
        return !kpiMet() || !badLines.isEmpty();
    }

    private static double median(final List<Double> values)
    {
        final List<Double> s = new ArrayList<>(values);
        s.sort(null);
        final int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** @return the JSON object (schema station.ledger/1). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.ledger/1")
            .field("window_hours", LatencyStats.round(window.toMinutes() / 60.0))
            .field("now", now.toString())
            .field("decisions", total).field("pass", passed).field("soft_fail", softFailed).field("fail", failed)
            .field("unmeasured", unmeasured)
            .field("pass_rate", Double.isNaN(passRate()) ? Double.NaN : LatencyStats.round(passRate() * 100) / 100)
            .field("kpi_pass_rate", KPI_PASS_RATE).field("kpi_met", kpiMet());
        w.name("p99_trend").beginObject().field("older_median_us", olderMedianP99Us())
            .field("newer_median_us", newerMedianP99Us()).field("direction", trend());
        w.name("values_us").beginArray();
        p99Us.forEach(w::value);
        w.endArray().endObject();
        w.name("recent").beginArray();
        for (final Map<String, Object> e : recent)
        {
            w.beginObject().field("time", String.valueOf(e.get("time")))
                .field("verdict", String.valueOf(e.get("verdict")))
                .field("redis", e.get("redis") instanceof String r ? r : null);
            if (JsonReader.at(e, "metrics." + Thresholds.RTT_P99) instanceof Double d)
            {
                w.field(Thresholds.RTT_P99, d);
            }
            if (e.get("error") instanceof String error)
            {
                w.field("error", error);
            }
            w.endObject();
        }
        w.endArray();
        w.name("skipped_lines").beginArray();
        badLines.forEach(n -> w.value((long)n));
        w.endArray().field("torn_last_line", tornLastLine);
        return w.endObject().toString();
    }

    /** @return human lines. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append(String.format(Locale.ROOT, "recent %d decisions:%n", recent.size()));
        for (final Map<String, Object> e : recent)
        {
            final Object p = JsonReader.at(e, "metrics." + Thresholds.RTT_P99);
            sb.append(String.format(Locale.ROOT, "  %s  %-10s  %s  %s%n", e.get("time"), e.get("verdict"),
                e.get("redis") == null ? "-" : e.get("redis"),
                "UNMEASURED".equals(e.get("verdict")) ? "could not measure: " + e.get("error")
                    : "p99 " + (p instanceof Double d ? MetricLimits.fmt(d) : "?") + " us"));
        }
        sb.append(String.format(Locale.ROOT,
            "window %s: %d decisions, %d pass, %d soft fail, %d fail, %d unmeasured; pass rate %s (KPI > 95%%: %s)%n",
            human(window), total, passed, softFailed, failed, unmeasured,
            total == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", passRate() * 100), kpiMet() ? "met" : "MISSED"));
        sb.append(String.format(Locale.ROOT, "p99 trend: %s (older half median %s us, newer half %s us) %s%n", trend(),
            Double.isNaN(olderMedianP99Us()) ? "?" : MetricLimits.fmt(olderMedianP99Us()),
            Double.isNaN(newerMedianP99Us()) ? "?" : MetricLimits.fmt(newerMedianP99Us()), sparkline(p99Us)));
        if (!badLines.isEmpty())
        {
            sb.append("skipped unreadable lines ").append(badLines)
                .append(tornLastLine ? " (the last line is torn: a writer stopped mid-line)" : "").append('\n');
        }
        return sb.toString();
    }

    static String sparkline(final List<Double> values)
    {
        if (values.isEmpty())
        {
            return "";
        }
        final String bars = "▁▂▃▄▅▆▇█";
        final double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        final double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        final StringBuilder sb = new StringBuilder();
        for (final double v : values.subList(Math.max(0, values.size() - 60), values.size()))
        {
            final int i = max == min ? 3 : (int)Math.round((v - min) / (max - min) * (bars.length() - 1));
            sb.append(bars.charAt(i));
        }
        return sb.toString();
    }

    private static String human(final Duration d)
    {
        if (d.toHours() % 24 == 0 && d.toDays() > 0)
        {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
