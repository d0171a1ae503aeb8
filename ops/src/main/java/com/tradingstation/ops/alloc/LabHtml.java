package com.tradingstation.ops.alloc;

import com.tradingstation.ops.LatencyStats;
import com.tradingstation.ops.stats.Charts;
import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The allocator lab's report as one self-contained HTML page: the verdict table, the options read back
 * per variant, the latency percentile curves of every variant per probe operation, fragmentation over
 * time, the comparisons and the runs. Charts are JFreeChart PNGs (headless) embedded as base64 data URIs,
 * so the file can be mailed or archived alone.
 */
public final class LabHtml
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private LabHtml()
    {
    }

    /**
     * @param file where to write the page.
     * @param r    the lab.
     * @param a    its analysis.
     * @throws IOException when a chart cannot be encoded or the file cannot be written.
     */
    public static void write(final Path file, final LabResult r, final LabAnalysis a) throws IOException
    {
        Files.writeString(file, html(r, a), StandardCharsets.UTF_8);
    }

    private static String html(final LabResult r, final LabAnalysis a) throws IOException
    {
        final StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>station alloc-lab: ")
            .append(esc(r.allocator())).append("</title>\n<style>\n")
            .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;")
            .append("margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
            .append("th{background:#f3f3f3}td.num{text-align:right;font-family:monospace}")
            .append(".REJECT{color:#b00;font-weight:bold}.ACCEPT{color:#070;font-weight:bold}")
            .append(".sig{font-weight:bold}img{max-width:100%}code{font-size:90%}\n</style>\n</head>\n<body>\n");
        final LabRules rules = a.rules();
        h.append("<h1>Allocator lab: ").append(esc(r.allocator())).append("</h1>\n<p>")
            .append(esc(r.binary())).append(", redis ").append(esc(r.version())).append(", options in <code>")
            .append(esc(r.envVar())).append("</code>, baseline <b>").append(esc(r.baseline())).append("</b>, ")
            .append(r.runs().size()).append(" runs, started ").append(esc(r.startedAt()))
            .append(String.format(Locale.ROOT, ", %.0f s.</p>%n", r.seconds()))
            .append(String.format(Locale.ROOT, "<p>Latency compared as windows of %,d probe samples, memory as %d "
                + "blocks of the second half of each churn. A difference is significant when Mann-Whitney's p &lt; "
                + "%.2g / metrics compared, the %.0f%% bootstrap interval (resampled within rounds) excludes 0 and "
                + "it is at least %.0f%%; p99 and jitter reject only beyond %.0f%%. docs/ALLOC-LAB.md explains.</p>%n",
                rules.windowSize(), LabAnalysis.BLOCKS, rules.alpha(), (1 - rules.alpha()) * 100,
                rules.minEffect() * 100, rules.jitterLimit() * 100));
        verdicts(h, r, a);
        readback(h, r);
        h.append("<h2>Latency percentiles</h2>\n");
        for (final String op : LabAnalysis.probeOps(r))
        {
            image(h, "latency percentiles of " + op, percentiles(r, op));
        }
        h.append("<h2>Fragmentation over time</h2>\n");
        image(h, "mem_fragmentation_ratio over time", timeline(r, "mem_fragmentation_ratio (rss / used)",
            m -> m.memFragmentationRatio()));
        image(h, "allocator_frag_ratio over time", timeline(r, "allocator_frag_ratio (active / allocated)",
            m -> m.allocatorFragRatio()));
        comparisons(h, a);
        runs(h, r);
        h.append("<h2>Settings</h2>\n<table>\n");
        for (final Map.Entry<String, Object> e : LabAnalysis.settings(r).entrySet())
        {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue())))
                .append("</td></tr>\n");
        }
        return h.append("</table>\n</body>\n</html>\n").toString();
    }

    private static void verdicts(final StringBuilder h, final LabResult r, final LabAnalysis a)
    {
        h.append("<h2>Verdicts</h2>\n<table class=\"verdicts\">\n<tr><th>variant</th><th>MALLOC_CONF</th>")
            .append("<th>purpose</th><th>decision</th><th>reasons</th></tr>\n");
        for (final Variant v : r.variants())
        {
            final LabVerdict verdict = a.verdict(v.name());
            h.append("<tr class=\"verdict\" id=\"verdict-").append(esc(v.name())).append("\"><td>")
                .append(esc(v.name())).append("</td><td><code>")
                .append(v.mallocConf().isEmpty() ? "(unset)" : esc(v.mallocConf())).append("</code></td><td>")
                .append(esc(v.purpose())).append("</td><td class=\"").append(verdict.decision()).append("\">")
                .append(verdict.decision()).append("</td><td>");
            for (final String reason : verdict.reasons())
            {
                h.append(esc(reason)).append("<br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void readback(final StringBuilder h, final LabResult r)
    {
        h.append("<h2>Options read back</h2>\n<table>\n<tr><th>variant</th><th>requested</th>")
            .append("<th>in force</th><th>mismatches</th><th>every opt.*</th></tr>\n");
        for (final Variant v : r.variants())
        {
            final Readback rb = LabAnalysis.readback(r, v.name());
            h.append("<tr><td>").append(esc(v.name())).append("</td><td><code>")
                .append(v.options().isEmpty() ? "(none)" : "");
            v.options().forEach((k, x) -> h.append(esc(k)).append(':').append(esc(x)).append("<br>"));
            h.append("</code></td><td><code>");
            if (rb == null)
            {
                h.append("</code>not read back</td><td></td><td></td></tr>\n");
                continue;
            }
            v.options().keySet().forEach(k -> h.append(esc(k)).append(':')
                .append(esc(rb.inForce().getOrDefault(k, "?"))).append("<br>"));
            h.append("</code></td><td>").append(rb.ok() ? "none" : esc(String.join("; ", rb.mismatches())))
                .append("</td><td><details><summary>").append(rb.inForce().size()).append(" options</summary><code>");
            rb.inForce().forEach((k, x) -> h.append("opt.").append(esc(k)).append(": ").append(esc(x)).append("<br>"));
            h.append("</code></details></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void comparisons(final StringBuilder h, final LabAnalysis a)
    {
        h.append("<h2>Comparisons with ").append(esc(a.baseline())).append("</h2>\n<table>\n<tr><th>variant</th>")
            .append("<th>metric</th><th>rule</th><th>n base / variant</th><th>base median</th><th>variant median</th>")
            .append("<th>difference</th><th>interval</th><th>p</th><th>significant</th></tr>\n");
        for (final String v : a.variants())
        {
            for (final LabAnalysis.Comparison c : a.comparisons(v))
            {
                h.append("<tr").append(c.significant() ? " class=\"sig\"" : "").append("><td>").append(esc(v))
                    .append("</td><td>").append(esc(c.metric())).append("</td><td>").append(c.rule())
                    .append("</td><td class=\"num\">").append(c.baseCount()).append(" / ").append(c.variantCount())
                    .append(String.format(Locale.ROOT, "</td><td class=\"num\">%.4g %s</td><td class=\"num\">%.4g %s"
                        + "</td><td class=\"num\">%+.1f%%</td><td class=\"num\">[%+.1f%%, %+.1f%%]</td>"
                        + "<td class=\"num\">%.2g</td><td>%s</td></tr>%n", c.baseMedian(), esc(c.unit()),
                        c.variantMedian(), esc(c.unit()), c.diff() * 100, c.ciLow() * 100, c.ciHigh() * 100, c.p(),
                        c.significant() ? "yes, " + c.direction().name().toLowerCase(Locale.ROOT) : "no"));
            }
        }
        h.append("</table>\n");
    }

    private static void runs(final StringBuilder h, final LabResult r)
    {
        final List<String> ops = LabAnalysis.probeOps(r);
        h.append("<h2>Runs</h2>\n<table>\n<tr><th>variant</th><th>round</th><th>ops/s</th>");
        ops.forEach(op -> h.append("<th>").append(esc(op)).append(" p99 / p99.9 / tail span / jitter µs</th>"));
        h.append("<th>mem frag load / churn</th><th>allocator frag load / churn</th><th>RSS MiB</th></tr>\n");
        for (final VariantRun run : r.runs())
        {
            h.append("<tr><td>").append(esc(run.variant())).append("</td><td class=\"num\">").append(run.round())
                .append(String.format(Locale.ROOT, "</td><td class=\"num\">%.0f</td>",
                    run.churnSeconds() > 0 ? run.churnOps() / run.churnSeconds() : Double.NaN));
            for (final String op : ops)
            {
                final LatencyStats l = LabReport.latency(run, op);
                h.append("<td class=\"num\">").append(l == null ? "-" : String.format(Locale.ROOT,
                    "%.1f / %.1f / %.1f / %.1f", l.p99Us(), l.p999Us(), l.tailSpanUs(), l.jitterUs())).append("</td>");
            }
            final MemorySnapshot load = run.afterLoad();
            final MemorySnapshot churn = run.afterChurn();
            h.append(String.format(Locale.ROOT, "<td class=\"num\">%.3f / %.3f</td><td class=\"num\">%.3f / %.3f</td>"
                + "<td class=\"num\">%.1f</td></tr>%n", ratio(load, true), ratio(churn, true), ratio(load, false),
                ratio(churn, false), churn == null || churn.usedMemoryRssBytes() < 0 ? Double.NaN :
                    churn.usedMemoryRssBytes() / (1024.0 * 1024.0)));
        }
        h.append("</table>\n");
    }

    private static double ratio(final MemorySnapshot m, final boolean mem)
    {
        return m == null ? Double.NaN : mem ? m.memFragmentationRatio() : m.allocatorFragRatio();
    }

    private static JFreeChart percentiles(final LabResult r, final String op)
    {
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < r.variants().size(); i++)
        {
            final String name = r.variants().get(i).name();
            final Histogram all = new Histogram(3);
            for (final VariantRun run : r.runs())
            {
                final long[] samples = run.latencyNs() == null ? null : run.latencyNs().get(op);
                if (run.variant().equals(name) && samples != null)
                {
                    all.add(LabReport.histogram(samples));
                }
            }
            data.addSeries(Charts.percentileCurve(name + (name.equals(r.baseline()) ? " (baseline)" : ""), all));
            renderer.setSeriesPaint(i, Charts.colour(i));
            renderer.setSeriesStroke(i, name.equals(r.baseline()) ? Charts.dashed() : new BasicStroke(2f));
        }
        return Charts.chart("alloc-lab: " + op + " latency, every run of each variant",
            Charts.percentilePlot(data, renderer));
    }

    private static JFreeChart timeline(final LabResult r, final String label,
        final ToDoubleFunction<MemorySnapshot> field)
    {
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        final boolean[] named = new boolean[r.variants().size()];
        int series = 0;
        for (final VariantRun run : r.runs())
        {
            int v = 0;
            while (v < r.variants().size() && !r.variants().get(v).name().equals(run.variant()))
            {
                v++;
            }
            final boolean first = v < named.length && !named[v];
            final XYSeries s = new XYSeries(first ? run.variant() : run.variant() + " round " + run.round() + " #"
                + run.position(), false);
            for (final TimelinePoint p : run.timeline() == null ? List.<TimelinePoint>of() : run.timeline())
            {
                final double y = p.memory() == null ? Double.NaN : field.applyAsDouble(p.memory());
                if (Double.isFinite(y) && y >= 0)
                {
                    s.add(p.seconds(), y);
                }
            }
            data.addSeries(s);
            renderer.setSeriesPaint(series, Charts.colour(v));
            renderer.setSeriesStroke(series, new BasicStroke(1.5f));
            renderer.setSeriesVisibleInLegend(series, first);
            if (v < named.length)
            {
                named[v] = true;
            }
            series++;
        }
        final NumberAxis x = new NumberAxis("seconds since the start of the churn (one line per run)");
        final NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        return Charts.chart("alloc-lab: " + label + ", colour by variant", Charts.plot(data, x, y, renderer));
    }

    private static void image(final StringBuilder h, final String alt, final JFreeChart chart) throws IOException
    {
        h.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(Charts.png(chart, WIDTH, HEIGHT))).append("\"></p>\n");
    }

    private static String esc(final String s)
    {
        if (s == null)
        {
            return "";
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
