package com.tradingstation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a JMH JSON result of {@link BookApplyBenchmark}, {@link DecodeApplyBenchmark} and
 * {@link CostBreakdownBenchmark} into the Markdown tables of docs/PERFORMANCE.md: per-update and
 * per-message rates from the auxiliary counters, ratios against the peers, and bytes allocated per
 * update or message ({@code gc.alloc.rate.norm} is per invocation = one session replay, so it is
 * divided by the updates or messages per replay, which is the counter rate over the replay rate).
 * <p>
 * Run: {@code java -cp bench/target/benchmarks.jar com.tradingstation.bench.JmhReport bench/target/jmh.json}.
 */
public final class JmhReport
{
    private static final String[] SETS = {"spot", "usdm", "coinm"};

    private JmhReport()
    {
    }

    /** One benchmark x set. */
    private record Row(double replays, double replaysErr, double rate, double rateErr, double bytesRate,
        double bytesRateErr, double allocPerReplay, double perReplay, double rateMin, double rateMax,
        double bytesMin, double bytesMax)
    {
        double allocPerUnit()
        {
            return Double.isNaN(allocPerReplay) ? Double.NaN : allocPerReplay / perReplay;
        }
    }

    /**
     * @param args the JMH JSON file.
     * @throws IOException when it cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final Path file = Paths.get(args.length > 0 ? args[0] : "bench/target/jmh.json");
        final JsonNode root = new ObjectMapper().readTree(file.toFile());
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (final JsonNode r : root)
        {
            final String name = r.get("benchmark").asText().replace("com.tradingstation.bench.", "");
            final String set = r.path("params").path("set").asText();
            final JsonNode p = r.get("primaryMetric");
            final JsonNode s = r.get("secondaryMetrics");
            final String counter = s.has("updates") ? "updates" : "msgs";
            final double rate = s.path(counter).path("score").asDouble(Double.NaN);
            final double replays = p.get("score").asDouble();
            rows.put(name + "/" + set, new Row(replays, p.get("scoreError").asDouble(Double.NaN), rate,
                s.path(counter).path("scoreError").asDouble(Double.NaN),
                s.path("bytes").path("score").asDouble(Double.NaN),
                s.path("bytes").path("scoreError").asDouble(Double.NaN),
                s.path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN), Math.round(rate / replays),
                extreme(s.path(counter), false), extreme(s.path(counter), true), extreme(s.path("bytes"), false),
                extreme(s.path("bytes"), true)));
        }

        section(rows, "BookApplyBenchmark", List.of(
            "### (a) BookApplyBenchmark: level updates/s (one core), snapshot + every diff level per replay",
            "",
            "M level updates/s: mean ± JMH 99.9% error (iterations min–max)",
            "",
            "| set | updates/replay | ours | XChange update(LimitOrder) | XChange update(OrderBookUpdate) | " +
                "ours / XChange best | ours B/update | XChange LimitOrder B/update | XChange OBU B/update |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"), set ->
            {
                final Row ours = rows.get("BookApplyBenchmark.ours/" + set);
                final Row lo = rows.get("BookApplyBenchmark.xchangeLimitOrder/" + set);
                final Row obu = rows.get("BookApplyBenchmark.xchangeOrderBookUpdate/" + set);
                if (ours == null)
                {
                    return;
                }
                final double best = Math.max(lo == null ? 0 : lo.rate, obu == null ? 0 : obu.rate);
                System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | **%.1fx** | %s | %s | %s |%n", set,
                    (long)ours.perReplay, m(ours), m(lo), m(obu), ours.rate / best, b(ours), b(lo), b(obu));
            });
        section(rows, "DecodeApplyBenchmark", List.of(
            "### (b) DecodeApplyBenchmark: raw depthUpdate JSON decoded + applied (one core)",
            "",
            "| set | msgs/replay | B/msg | implementation | k msgs/s | MB/s (10^6 B), iterations min–max | " +
                "vs Jackson+XChange | B/msg allocated |",
            "|---|---:|---:|---|---:|---:|---:|---:|"), set ->
            {
                final Row jx = rows.get("DecodeApplyBenchmark.jacksonXChange/" + set);
                for (final String impl : new String[] {"oursPipeline", "oursDirect", "jacksonXChange"})
                {
                    final Row r = rows.get("DecodeApplyBenchmark." + impl + "/" + set);
                    if (r == null)
                    {
                        continue;
                    }
                    System.out.printf(Locale.ROOT,
                        "| %s | %,d | %.0f | %s | %.1f ± %.1f | %.1f ± %.1f (%.0f–%.0f) | %s | %s |%n",
                        set, (long)r.perReplay, r.bytesRate / r.rate, impl, r.rate / 1e3, r.rateErr / 1e3,
                        r.bytesRate / 1e6,
                        r.bytesRateErr / 1e6, r.bytesMin / 1e6, r.bytesMax / 1e6, jx == null || r == jx ? "1.0x" :
                            String.format(Locale.ROOT, "**%.1fx**", r.rate / jx.rate), b(r));
                }
            });
        section(rows, "CostBreakdownBenchmark", List.of(
            "### Cost breakdown (diagnostic, CostBreakdownBenchmark)",
            "",
            "| set | bookApply ns/upd | arraycopy only ns/upd | search only ns/upd | decodeApply MB/s | " +
                "decodeOnly MB/s | decode share of decodeApply |",
            "|---|---:|---:|---:|---:|---:|---:|"), set ->
            {
                final Row apply = rows.get("CostBreakdownBenchmark.bookApply/" + set);
                final Row copy = rows.get("CostBreakdownBenchmark.bookArraycopyOnly/" + set);
                final Row search = rows.get("CostBreakdownBenchmark.bookSearchOnly/" + set);
                final Row da = rows.get("CostBreakdownBenchmark.decodeApply/" + set);
                final Row dOnly = rows.get("CostBreakdownBenchmark.decodeOnly/" + set);
                if (apply == null || copy == null || search == null || da == null || dOnly == null)
                {
                    return;
                }
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f%% |%n", set,
                    1e9 / apply.rate, 1e9 / copy.rate, 1e9 / search.rate, da.bytesRate / 1e6, dOnly.bytesRate / 1e6,
                    100.0 * da.bytesRate / dOnly.bytesRate);
            });
    }

    /**
     * One table, printed when the results hold any row of the benchmark: its heading lines, one
     * call of {@code row} per capture set, then a blank line.
     */
    private static void section(
        final Map<String, Row> rows, final String benchmark, final List<String> heading, final Consumer<String> row)
    {
        if (rows.keySet().stream().noneMatch(k -> k.startsWith(benchmark + ".")))
        {
            return;
        }
        heading.forEach(System.out::println);
        for (final String set : SETS)
        {
            row.accept(set);
        }
        System.out.println();
    }

    private static String m(final Row r)
    {
        return r == null ? "-" : String.format(Locale.ROOT, "%.2f ± %.2f (%.1f–%.1f)", r.rate / 1e6, r.rateErr / 1e6,
            r.rateMin / 1e6, r.rateMax / 1e6);
    }

    /** Lowest or highest measurement iteration of a metric (rawData of the single fork). */
    private static double extreme(final JsonNode metric, final boolean max)
    {
        double v = Double.NaN;
        for (final JsonNode fork : metric.path("rawData"))
        {
            for (final JsonNode x : fork)
            {
                final double d = x.asDouble();
                v = Double.isNaN(v) ? d : max ? Math.max(v, d) : Math.min(v, d);
            }
        }
        return v;
    }

    private static String b(final Row r)
    {
        if (r == null || Double.isNaN(r.allocPerUnit()))
        {
            return "-";
        }
        return String.format(Locale.ROOT, r.allocPerUnit() < 10 ? "%.2f" : "%.0f", r.allocPerUnit());
    }
}
