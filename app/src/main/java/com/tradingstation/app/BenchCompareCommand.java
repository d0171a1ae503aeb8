package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.stats.Compare;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station bench compare BASE NEW}: per metric and percentile, the difference of the per-round
 * medians with a bootstrap confidence interval and a Mann-Whitney U test, and a verdict. A difference
 * is called only when it is significant at the level after Bonferroni's correction for the number of
 * comparisons, its interval excludes zero, and it is at least the margin: on a shared machine two runs
 * of the same build differ by a few percent from run to run, and that drift is not a change of the build.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
        "Compare two 'station bench' results: per percentile the difference, its bootstrap interval, a",
        "Mann-Whitney U test over the rounds, and a verdict; writes a plot of both percentile curves.",
        "Exit: 0 no significant difference or improved; 1 regressed; 2 usage error (unreadable results)."})
final class BenchCompareCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline result.")
    private Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The result to judge.")
    private Path next;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
        description = "Significance level of the whole comparison (default ${DEFAULT-VALUE}).")
    private double alpha;

    @Option(names = "--margin", paramLabel = "PCT", defaultValue = "10",
        description = "Least relative difference called a change, in percent (default ${DEFAULT-VALUE}).")
    private double marginPct;

    @Option(names = "--metrics", paramLabel = "NAME,...", split = ",", defaultValue = "book,udp,redis",
        description = "Metrics judged (default ${DEFAULT-VALUE}; those in both files).")
    private List<String> metrics;

    @Option(names = "--plot", paramLabel = "FILE", defaultValue = "bench-compare.png",
        description = "Percentile curves of both runs, PNG (default ${DEFAULT-VALUE}; 'none' for no plot).")
    private String plot;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Bootstrap seed.")
    private long seed;

    @CommandLine.Mixin
    private Output output;

    /** One comparison. */
    record Row(String metric, String percentile, double baseUs, double newUs, double diff, double low, double high,
        double p, String verdict)
    {
    }

    @Override
    public Integer call() throws IOException
    {
        if (!(alpha > 0 && alpha < 1) || marginPct < 0)
        {
            throw new IllegalArgumentException("--alpha must be in (0, 1) and --margin >= 0");
        }
        final BenchResult a = load(base);
        final BenchResult b = load(next);
        final List<String> judged = new ArrayList<>();
        for (final String m : metrics)
        {
            if (a.metrics().containsKey(m) && b.metrics().containsKey(m))
            {
                judged.add(m);
            }
        }
        if (judged.isEmpty())
        {
            throw new IllegalArgumentException("the two results share none of the metrics " + metrics);
        }
        final int tests = judged.size() * BenchResult.KEYS.length;
        final double perTest = alpha / tests;
        final List<Row> rows = new ArrayList<>();
        for (final String m : judged)
        {
            for (int k = 0; k < BenchResult.KEYS.length; k++)
            {
                rows.add(row(m, k, a.metrics().get(m), b.metrics().get(m), perTest));
            }
        }
        final String verdict = rows.stream().anyMatch(r -> r.verdict.equals("regressed")) ? "regressed" :
            rows.stream().anyMatch(r -> r.verdict.equals("improved")) ? "improved" : "no significant difference";
        if (!"none".equals(plot))
        {
            BenchPlot.write(Path.of(plot), a, b, judged);
        }
        output.print(() -> json(a, b, rows, verdict, perTest), out -> text(out, a, b, rows, verdict, perTest));
        return verdict.equals("regressed") ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }

    private Row row(final String metric, final int k, final BenchResult.Metric a, final BenchResult.Metric b,
        final double perTest)
    {
        final double[] x = a.at(k);
        final double[] y = b.at(k);
        if (x.length < 2 || y.length < 2)
        {
            throw new IllegalArgumentException(metric + ": each result needs at least 2 rounds with samples");
        }
        final Compare.Result c = Compare.compare(new double[][] {x}, new double[][] {y}, perTest, 1 - perTest,
            marginPct / 100, 10_000, seed);
        final String verdict = !c.significant() ? "no significant difference" : c.diff() >= 0 ? "regressed" :
            "improved";
        return new Row(metric, BenchResult.KEYS[k], c.baseMedian() / 1e3, c.nextMedian() / 1e3, c.diff(), c.low(),
            c.high(), c.p(), verdict);
    }

    private static BenchResult load(final Path file)
    {
        try
        {
            return BenchResult.parse(Files.readString(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException(file + ": " + StationMain.oneLine(ex), ex);
        }
    }

    private void text(final PrintWriter out, final BenchResult a, final BenchResult b, final List<Row> rows,
        final String verdict, final double perTest)
    {
        out.println("base: " + base + " (" + a.label() + ")");
        out.println("new:  " + next + " (" + b.label() + ")");
        out.println(String.format(Locale.ROOT, "per-round medians in µs; %s interval of the difference; " +
            "Mann-Whitney U per test at %.2g (alpha %.2g / %d); margin %.0f%%", pct(1 - perTest), perTest, alpha,
            rows.size(), marginPct));
        for (final Row r : rows)
        {
            out.println(String.format(Locale.ROOT, "  %-6s %-5s %10.1f -> %10.1f  %+7.1f%% [%+7.1f%% .. %+7.1f%%]" +
                "  p=%.2g  %s", r.metric, r.percentile, r.baseUs, r.newUs, r.diff * 100, r.low * 100, r.high * 100,
                r.p, r.verdict));
        }
        out.println("verdict: " + verdict + ("none".equals(plot) ? "" : "  (plot: " + plot + ")"));
    }

    private static String pct(final double level)
    {
        return String.format(Locale.ROOT, "%.4g%%", level * 100);
    }

    private String json(final BenchResult a, final BenchResult b, final List<Row> rows, final String verdict,
        final double perTest)
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("base", base.toString()).field("baseLabel", a.label())
            .field("new", next.toString()).field("newLabel", b.label())
            .field("alpha", alpha).field("alphaPerTest", perTest).field("marginPct", marginPct)
            .field("plot", plot).field("verdict", verdict).name("rows").beginArray();
        for (final Row r : rows)
        {
            w.beginObject().field("metric", r.metric).field("percentile", r.percentile).field("baseUs", r.baseUs)
                .field("newUs", r.newUs).field("diffPct", r.diff * 100).field("ciLowPct", r.low * 100)
                .field("ciHighPct", r.high * 100).field("p", r.p).field("verdict", r.verdict).endObject();
        }
        return w.endArray().endObject().toString();
    }
}
