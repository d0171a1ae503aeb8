package com.tradingstation.ops.alloc;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.LatencyStats;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The allocator lab's report: JSON (schema {@value #SCHEMA}) and a compact verdict table for a terminal.
 * Latencies are in µs, ratios as Redis reports them, rates per second; NaN and missing values are null.
 */
public final class LabReport
{
    /** Schema name of the JSON report. */
    public static final String SCHEMA = "station.alloc-lab/1";

    private LabReport()
    {
    }

    /**
     * @param r the lab.
     * @param a its analysis.
     * @return the JSON report.
     */
    public static String json(final LabResult r, final LabAnalysis a)
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("schema", SCHEMA).field("startedAt", r.startedAt()).field("seconds", r.seconds())
            .field("binary", r.binary()).field("version", r.version()).field("allocator", r.allocator())
            .field("envVar", r.envVar()).field("baseline", r.baseline());
        w.name("settings").beginObject();
        for (final Map.Entry<String, Object> e : LabAnalysis.settings(r).entrySet())
        {
            value(w.name(e.getKey()), e.getValue());
        }
        w.endObject();
        final LabRules rules = a.rules();
        w.name("rules").beginObject().field("alpha", rules.alpha()).field("minEffect", rules.minEffect())
            .field("jitterLimit", rules.jitterLimit()).field("resamples", rules.resamples())
            .field("seed", rules.seed()).field("windowSize", rules.windowSize())
            .field("memoryBlocks", LabAnalysis.BLOCKS).endObject();
        w.name("variants").beginArray();
        for (final Variant v : r.variants())
        {
            w.beginObject().field("name", v.name()).field("mallocConf", v.mallocConf()).field("purpose", v.purpose());
            final Readback rb = LabAnalysis.readback(r, v.name());
            strings(w.name("requested"), v.options());
            if (rb != null)
            {
                strings(w.name("inForce"), rb.inForce());
                w.name("mismatches").beginArray();
                rb.mismatches().forEach(w::value);
                w.endArray().field("optionsOk", rb.ok());
            }
            w.endObject();
        }
        w.endArray().name("runs").beginArray();
        for (final VariantRun run : r.runs())
        {
            run(w, run);
        }
        w.endArray().name("comparisons").beginArray();
        for (final String v : a.variants())
        {
            for (final LabAnalysis.Comparison c : a.comparisons(v))
            {
                w.beginObject().field("variant", c.variant()).field("metric", c.metric()).field("unit", c.unit())
                    .field("rule", c.rule().name()).field("baseCount", c.baseCount())
                    .field("variantCount", c.variantCount()).field("baseMedian", c.baseMedian())
                    .field("variantMedian", c.variantMedian()).field("diffPct", c.diff() * 100)
                    .field("ciLowPct", c.ciLow() * 100).field("ciHighPct", c.ciHigh() * 100).field("p", c.p())
                    .field("alphaPerTest", a.alphaPerTest(v)).field("significant", c.significant())
                    .field("direction", c.direction().name()).endObject();
            }
        }
        w.endArray().name("verdicts").beginArray();
        for (final String v : a.variants())
        {
            final LabVerdict verdict = a.verdict(v);
            w.beginObject().field("variant", v).field("decision", verdict.decision().name()).name("reasons")
                .beginArray();
            verdict.reasons().forEach(w::value);
            w.endArray().endObject();
        }
        return w.endArray().endObject().toString();
    }

    /**
     * @param r the lab.
     * @param a its analysis.
     * @return one line per variant (decision, the tail and fragmentation differences, * where significant),
     *     its reasons indented below.
     */
    public static String text(final LabResult r, final LabAnalysis a)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "alloc-lab: %s, redis %s (%s), options in %s, baseline %s, %d runs%n",
            r.allocator(), r.version(), r.binary(), r.envVar(), r.baseline(), r.runs().size()));
        final LabRules rules = a.rules();
        sb.append(String.format(Locale.ROOT, "windows of %,d probe samples; significant (*) = Mann-Whitney p < "
            + "%.2g / metrics, bootstrap interval excludes 0, |difference| >= %.0f%%%n", rules.windowSize(),
            rules.alpha(), rules.minEffect() * 100));
        final List<String> columns = new ArrayList<>();
        for (final String op : LabAnalysis.probeOps(r))
        {
            columns.add(op + ".p999");
            columns.add(op + ".tailSpan");
            columns.add(op + ".jitter");
        }
        columns.add("memFragRatio");
        columns.add("allocatorFragRatio");
        final StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %-14s", "variant",
            "decision"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, " %15s", c)));
        sb.append(head.toString().stripTrailing()).append('\n');
        for (final String v : a.variants())
        {
            final LabVerdict verdict = a.verdict(v);
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-14s", v,
                verdict.decision()));
            for (final String metric : columns)
            {
                line.append(String.format(Locale.ROOT, " %15s", cell(a, v, metric)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (verdict.decision() != LabVerdict.Decision.BASELINE)
            {
                verdict.reasons().forEach(reason -> sb.append("    ").append(reason).append('\n'));
            }
        }
        return sb.toString();
    }

    /**
     * @param run a run.
     * @param op  a probe operation.
     * @return the latency summary of its samples of {@code op}; null when it has none.
     */
    static LatencyStats latency(final VariantRun run, final String op)
    {
        final long[] samples = run.latencyNs() == null ? null : run.latencyNs().get(op);
        if (samples == null || samples.length == 0)
        {
            return null;
        }
        return LatencyStats.of(histogram(samples), samples, samples.length);
    }

    /**
     * @param samples latencies in ns (negative ones count as 0).
     * @return them in a histogram of 3 significant digits.
     */
    static Histogram histogram(final long[] samples)
    {
        final Histogram h = new Histogram(3);
        for (final long s : samples)
        {
            h.recordValue(Math.max(0, s));
        }
        return h;
    }

    private static String cell(final LabAnalysis a, final String variant, final String metric)
    {
        for (final LabAnalysis.Comparison c : a.comparisons(variant))
        {
            if (c.metric().equals(metric))
            {
                return c.compared() ? String.format(Locale.ROOT, "%+.1f%%%s", c.diff() * 100, c.significant() ? "*" :
                    " ") : "n/a ";
            }
        }
        return "-";
    }

    private static void run(final JsonWriter w, final VariantRun run)
    {
        w.beginObject().field("variant", run.variant()).field("round", run.round())
            .field("position", run.position()).field("churnOps", run.churnOps())
            .field("churnSeconds", run.churnSeconds())
            .field("opsPerSec", run.churnSeconds() > 0 ? run.churnOps() / run.churnSeconds() : Double.NaN);
        final ProcessCounters s = run.processStart() == null ? ProcessCounters.UNKNOWN : run.processStart();
        final ProcessCounters e = run.processEnd() == null ? ProcessCounters.UNKNOWN : run.processEnd();
        counter(w, "voluntaryCtxSwitches", s.voluntaryCtxSwitches(), e.voluntaryCtxSwitches());
        counter(w, "involuntaryCtxSwitches", s.involuntaryCtxSwitches(), e.involuntaryCtxSwitches());
        counter(w, "minorFaults", s.minorFaults(), e.minorFaults());
        counter(w, "majorFaults", s.majorFaults(), e.majorFaults());
        w.field("rssBytes", e.rssBytes());
        memory(w.name("afterLoad"), run.afterLoad());
        memory(w.name("afterChurn"), run.afterChurn());
        w.name("latency").beginObject();
        if (run.latencyNs() != null)
        {
            for (final String op : run.latencyNs().keySet())
            {
                final LatencyStats l = latency(run, op);
                w.name(op);
                if (l == null)
                {
                    w.rawValue("null");
                    continue;
                }
                w.beginObject().field("samples", l.samples()).field("p50Us", l.p50Us()).field("p99Us", l.p99Us())
                    .field("p999Us", l.p999Us()).field("tailSpanUs", l.tailSpanUs()).field("jitterUs", l.jitterUs())
                    .field("maxUs", l.maxUs()).endObject();
            }
        }
        w.endObject().field("timelinePoints", run.timeline() == null ? 0 : run.timeline().size()).endObject();
    }

    private static void counter(final JsonWriter w, final String name, final long start, final long end)
    {
        w.name(name);
        if (start < 0 || end < 0)
        {
            w.rawValue("null");
        }
        else
        {
            w.value(end - start);
        }
    }

    private static void memory(final JsonWriter w, final MemorySnapshot m)
    {
        if (m == null)
        {
            w.rawValue("null");
            return;
        }
        w.beginObject().field("usedMemoryBytes", m.usedMemoryBytes()).field("rssBytes", m.usedMemoryRssBytes())
            .field("allocatorActiveBytes", m.allocatorActiveBytes())
            .field("memFragRatio", m.memFragmentationRatio()).field("allocatorFragRatio", m.allocatorFragRatio())
            .endObject();
    }

    private static void strings(final JsonWriter w, final Map<String, String> m)
    {
        w.beginObject();
        m.forEach(w::field);
        w.endObject();
    }

    private static void value(final JsonWriter w, final Object v)
    {
        if (v == null)
        {
            w.rawValue("null");
        }
        else if (v instanceof Integer || v instanceof Long || v instanceof Short)
        {
            w.value(((Number)v).longValue());
        }
        else if (v instanceof Number n)
        {
            w.value(n.doubleValue());
        }
        else if (v instanceof Boolean b)
        {
            w.value(b);
        }
        else
        {
            w.value(v.toString());
        }
    }
}
