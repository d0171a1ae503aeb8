package com.tradingstation.ops.alloc;

import com.tradingstation.ops.LatencyStats;
import com.tradingstation.ops.stats.Compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Each variant of an allocator lab against the baseline, metric by metric, and a verdict per variant
 * (docs/ALLOC-LAB.md, "Method").
 *
 * <p>Units of analysis, chosen so the values compared are roughly independent and numerous enough for
 * a test: latency as windows of {@link LabRules#windowSize()} consecutive probe samples of a run (single
 * samples are correlated, a stall delays every sample behind it; whole runs are too few, with 3 rounds
 * Mann-Whitney cannot reach p &lt; 0.05), each window giving its p99, p99.9, tail span (p99.9 - p99) and
 * jitter ({@link LatencyStats#jitterNs}); memory as the medians of {@value #BLOCKS} blocks of consecutive
 * timeline points in the second half of each churn (the stable load), falling back to the after-churn
 * snapshot; process counters as the medians of {@value #BLOCKS} blocks of per-second rates from
 * consecutive timeline points.
 *
 * <p>Rounds interleave the variants, so a drift of the machine is shared by the runs of a round. Each
 * value is therefore divided by the baseline's median of the same round before the comparison (the
 * difference is round-matched: a round that ran 20% slow for everyone moves nothing), and the bootstrap
 * resamples within each round ({@link Compare#stratifiedBootstrap}). Rounds the baseline or the variant
 * lacks are left out; when a baseline's round median is 0 the raw values are compared, pooled. The medians
 * reported are the raw pooled ones.
 *
 * <p>A difference is significant when Mann-Whitney's p &lt; alpha / (metrics compared), the 1 - alpha
 * stratified bootstrap interval of the relative difference of the medians excludes 0, and the difference is at least
 * {@link LabRules#minEffect()} ({@link Compare#compare}). Every metric here is worse when higher.
 */
public final class LabAnalysis
{
    /** Blocks of timeline points per run (memory and process metrics). */
    public static final int BLOCKS = 5;

    /** What a metric's comparison can decide. */
    public enum Rule
    {
        /** p99 and jitter: rejected when worse by more than the jitter limit. */
        JITTER,
        /** p99.9 and tail span: rejected when worse, accepted when better. */
        TAIL,
        /** Fragmentation ratios under stable load: rejected when higher, accepted when lower. */
        FRAGMENTATION,
        /** Reported only. */
        INFO
    }

    /** The sign of a difference (every metric is worse when higher). */
    public enum Direction
    {
        /** Lower than the baseline. */
        BETTER,
        /** Higher than the baseline. */
        WORSE,
        /** Equal, or not comparable. */
        NONE
    }

    /**
     * One metric of one variant against the baseline.
     *
     * @param variant       the variant.
     * @param metric        e.g. {@code set.p999}, {@code memFragRatio}.
     * @param unit          e.g. {@code µs}, {@code ratio}.
     * @param rule          what it can decide.
     * @param baseCount     baseline values (windows or blocks).
     * @param variantCount  variant values.
     * @param baseMedian    median of the baseline values; NaN when not compared.
     * @param variantMedian median of the variant values.
     * @param diff          relative difference of the medians.
     * @param ciLow         lower end of the bootstrap interval of {@code diff}.
     * @param ciHigh        upper end.
     * @param p             Mann-Whitney two-sided p-value.
     * @param significant   see the class comment.
     * @param direction     the sign of {@code diff}.
     */
    public record Comparison(
        String variant, String metric, String unit, Rule rule, int baseCount, int variantCount, double baseMedian,
        double variantMedian, double diff, double ciLow, double ciHigh, double p, boolean significant,
        Direction direction)
    {
        /** @return whether both groups had at least 2 values. */
        public boolean compared()
        {
            return !Double.isNaN(p);
        }
    }

    private final LabRules rules;
    private final String baseline;
    private final List<String> variants;
    private final Map<String, List<Comparison>> comparisons;
    private final Map<String, LabVerdict> verdicts;
    private final Map<String, Double> alphaPerTest;

    private LabAnalysis(final LabRules rules, final String baseline, final List<String> variants,
        final Map<String, List<Comparison>> comparisons, final Map<String, LabVerdict> verdicts,
        final Map<String, Double> alphaPerTest)
    {
        this.rules = rules;
        this.baseline = baseline;
        this.variants = List.copyOf(variants);
        this.comparisons = comparisons;
        this.verdicts = verdicts;
        this.alphaPerTest = alphaPerTest;
    }

    /**
     * @param result what the lab measured.
     * @param rules  how to judge it.
     * @return the comparisons and verdicts.
     */
    public static LabAnalysis analyze(final LabResult result, final LabRules rules)
    {
        final List<String> names = new ArrayList<>();
        for (final Variant v : result.variants())
        {
            names.add(v.name());
        }
        final List<String> ops = probeOps(result);
        final Map<String, Map<String, Map<Integer, List<Double>>>> values = new LinkedHashMap<>();
        for (final String name : names)
        {
            values.put(name, new LinkedHashMap<>());
        }
        for (final VariantRun run : result.runs())
        {
            final Map<String, Map<Integer, List<Double>>> byMetric = values.computeIfAbsent(run.variant(),
                k -> new LinkedHashMap<>());
            collect(run, ops, rules.windowSize(), byMetric);
        }
        final Map<String, List<Comparison>> comparisons = new LinkedHashMap<>();
        final Map<String, LabVerdict> verdicts = new LinkedHashMap<>();
        final Map<String, Double> alphas = new LinkedHashMap<>();
        final Map<String, Map<Integer, List<Double>>> base = values.getOrDefault(result.baseline(), Map.of());
        final List<String[]> metrics = metrics(ops);
        for (final String name : names)
        {
            if (name.equals(result.baseline()))
            {
                verdicts.put(name, new LabVerdict(name, LabVerdict.Decision.BASELINE,
                    List.of("the baseline the other variants are compared with")));
                continue;
            }
            final Map<String, Map<Integer, List<Double>>> mine = values.get(name);
            int tests = 0;
            for (final String[] m : metrics)
            {
                tests += comparable(base.get(m[0]), mine.get(m[0])) ? 1 : 0;
            }
            final double perTest = rules.alpha() / Math.max(1, tests);
            final List<Comparison> list = new ArrayList<>();
            for (final String[] m : metrics)
            {
                list.add(compare(name, m, base.get(m[0]), mine.get(m[0]), perTest, rules));
            }
            comparisons.put(name, List.copyOf(list));
            alphas.put(name, perTest);
            verdicts.put(name, verdict(name, list, rules, readback(result, name)));
        }
        return new LabAnalysis(rules, result.baseline(), names, comparisons, verdicts, alphas);
    }

    /** @return the rules judged by. */
    public LabRules rules()
    {
        return rules;
    }

    /** @return the baseline's name. */
    public String baseline()
    {
        return baseline;
    }

    /** @return every variant, in run order, baseline included. */
    public List<String> variants()
    {
        return variants;
    }

    /**
     * @param variant a variant.
     * @return its comparisons with the baseline, empty for the baseline and unknown names.
     */
    public List<Comparison> comparisons(final String variant)
    {
        return comparisons.getOrDefault(variant, List.of());
    }

    /**
     * @param variant a variant.
     * @return the significance level of each of its tests (alpha / metrics compared); NaN for the baseline.
     */
    public double alphaPerTest(final String variant)
    {
        return alphaPerTest.getOrDefault(variant, Double.NaN);
    }

    /**
     * @param variant a variant of the lab.
     * @return its verdict.
     * @throws IllegalArgumentException for a name that is not a variant of the lab.
     */
    public LabVerdict verdict(final String variant)
    {
        final LabVerdict v = verdicts.get(variant);
        if (v == null)
        {
            throw new IllegalArgumentException("no variant '" + variant + "' in the lab, have " + variants);
        }
        return v;
    }

    /**
     * @param result a lab.
     * @return the probe operations any run measured, sorted.
     */
    public static List<String> probeOps(final LabResult result)
    {
        final TreeSet<String> ops = new TreeSet<>();
        for (final VariantRun run : result.runs())
        {
            if (run.latencyNs() != null)
            {
                ops.addAll(run.latencyNs().keySet());
            }
        }
        return List.copyOf(ops);
    }

    /**
     * @param samplesNs latencies in send order.
     * @param windowSize samples per window; a last partial window is dropped.
     * @return per window {p99, p99.9, tail span, jitter} in µs.
     */
    public static double[][] windows(final long[] samplesNs, final int windowSize)
    {
        final int n = samplesNs == null ? 0 : samplesNs.length / windowSize;
        final double[][] out = new double[n][];
        for (int w = 0; w < n; w++)
        {
            final long[] window = Arrays.copyOfRange(samplesNs, w * windowSize, (w + 1) * windowSize);
            final double jitter = LatencyStats.jitterNs(window, windowSize) / 1e3;
            Arrays.sort(window);
            final double p99 = rank(window, 0.99) / 1e3;
            final double p999 = rank(window, 0.999) / 1e3;
            out[w] = new double[] {p99, p999, p999 - p99, jitter};
        }
        return out;
    }

    private static final String[] WINDOW_METRICS = {"p99", "p999", "tailSpan", "jitter"};
    private static final Rule[] WINDOW_RULES = {Rule.JITTER, Rule.TAIL, Rule.TAIL, Rule.JITTER};

    private static List<String[]> metrics(final List<String> ops)
    {
        final List<String[]> m = new ArrayList<>();
        for (final String op : ops)
        {
            for (int k = 0; k < WINDOW_METRICS.length; k++)
            {
                m.add(new String[] {op + "." + WINDOW_METRICS[k], "µs", WINDOW_RULES[k].name()});
            }
        }
        m.add(new String[] {"memFragRatio", "ratio", Rule.FRAGMENTATION.name()});
        m.add(new String[] {"allocatorFragRatio", "ratio", Rule.FRAGMENTATION.name()});
        m.add(new String[] {"rssMiB", "MiB", Rule.INFO.name()});
        m.add(new String[] {"minorFaultsPerSec", "1/s", Rule.INFO.name()});
        m.add(new String[] {"ctxSwitchesPerSec", "1/s", Rule.INFO.name()});
        return m;
    }

    private static void collect(final VariantRun run, final List<String> ops, final int windowSize,
        final Map<String, Map<Integer, List<Double>>> into)
    {
        for (final String op : ops)
        {
            final long[] samples = run.latencyNs() == null ? null : run.latencyNs().get(op);
            for (final double[] w : windows(samples, windowSize))
            {
                for (int k = 0; k < WINDOW_METRICS.length; k++)
                {
                    add(into, op + "." + WINDOW_METRICS[k], run.round(), w[k]);
                }
            }
        }
        final List<TimelinePoint> timeline = run.timeline() == null ? List.of() : run.timeline();
        final List<TimelinePoint> stable = timeline.subList(timeline.size() / 2, timeline.size());
        memory(into, "memFragRatio", run, stable, s -> s.memFragmentationRatio());
        memory(into, "allocatorFragRatio", run, stable, s -> s.allocatorFragRatio());
        memory(into, "rssMiB", run, stable, s -> s.usedMemoryRssBytes() < 0 ? Double.NaN :
            s.usedMemoryRssBytes() / (1024.0 * 1024.0));
        final List<Double> faults = new ArrayList<>();
        final List<Double> switches = new ArrayList<>();
        for (int i = 1; i < timeline.size(); i++)
        {
            final TimelinePoint a = timeline.get(i - 1);
            final TimelinePoint b = timeline.get(i);
            final double dt = b.seconds() - a.seconds();
            if (!(dt > 0) || a.process() == null || b.process() == null)
            {
                continue;
            }
            faults.add(rate(a.process().minorFaults(), b.process().minorFaults(), dt));
            final ProcessCounters pa = a.process();
            final ProcessCounters pb = b.process();
            switches.add(pa.voluntaryCtxSwitches() < 0 || pa.involuntaryCtxSwitches() < 0 ? Double.NaN :
                rate(pa.voluntaryCtxSwitches() + pa.involuntaryCtxSwitches(),
                    pb.voluntaryCtxSwitches() + pb.involuntaryCtxSwitches(), dt));
        }
        blocks(into, "minorFaultsPerSec", run.round(), faults);
        blocks(into, "ctxSwitchesPerSec", run.round(), switches);
    }

    private static void memory(final Map<String, Map<Integer, List<Double>>> into, final String metric,
        final VariantRun run, final List<TimelinePoint> stable, final ToDoubleFunction<MemorySnapshot> field)
    {
        final List<Double> v = new ArrayList<>();
        for (final TimelinePoint p : stable)
        {
            v.add(p.memory() == null ? Double.NaN : field.applyAsDouble(p.memory()));
        }
        if (v.stream().allMatch(LabAnalysis::missing) && run.afterChurn() != null)
        {
            v.add(field.applyAsDouble(run.afterChurn()));
        }
        blocks(into, metric, run.round(), v);
    }

    private static void blocks(final Map<String, Map<Integer, List<Double>>> into, final String metric,
        final int round, final List<Double> values)
    {
        final double[] valid = values.stream().filter(x -> !missing(x)).mapToDouble(Double::doubleValue).toArray();
        final int blocks = Math.min(BLOCKS, valid.length);
        for (int b = 0; b < blocks; b++)
        {
            add(into, metric, round, Compare.median(Arrays.copyOfRange(valid, b * valid.length / blocks,
                (b + 1) * valid.length / blocks)));
        }
    }

    private static boolean missing(final double x)
    {
        return Double.isNaN(x) || Double.isInfinite(x) || x < 0;
    }

    private static double rate(final long a, final long b, final double dt)
    {
        return a < 0 || b < 0 || b < a ? Double.NaN : (b - a) / dt;
    }

    private static void add(final Map<String, Map<Integer, List<Double>>> into, final String metric,
        final int round, final double value)
    {
        if (!missing(value))
        {
            into.computeIfAbsent(metric, k -> new TreeMap<>()).computeIfAbsent(round, k -> new ArrayList<>())
                .add(value);
        }
    }

    private static boolean comparable(final Map<Integer, List<Double>> a, final Map<Integer, List<Double>> b)
    {
        return count(a) >= 2 && count(b) >= 2;
    }

    private static int count(final Map<Integer, List<Double>> byRound)
    {
        return byRound == null ? 0 : byRound.values().stream().mapToInt(List::size).sum();
    }

    private static Comparison compare(final String variant, final String[] metric,
        final Map<Integer, List<Double>> base, final Map<Integer, List<Double>> mine, final double perTest,
        final LabRules rules)
    {
        final Rule rule = Rule.valueOf(metric[2]);
        final Comparison none = new Comparison(variant, metric[0], metric[1], rule, count(base), count(mine),
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, Direction.NONE);
        if (!comparable(base, mine))
        {
            return none;
        }
        final TreeSet<Integer> rounds = new TreeSet<>(base.keySet());
        rounds.retainAll(mine.keySet());
        double[][] b = new double[rounds.size()][];
        double[][] m = new double[rounds.size()][];
        boolean matched = !rounds.isEmpty();
        int i = 0;
        for (final int r : rounds)
        {
            b[i] = base.get(r).stream().mapToDouble(Double::doubleValue).toArray();
            m[i] = mine.get(r).stream().mapToDouble(Double::doubleValue).toArray();
            matched &= Compare.median(b[i]) > 0;
            i++;
        }
        if (matched)
        {
            for (int k = 0; k < b.length; k++)
            {
                final double scale = Compare.median(b[k]);
                divide(b[k], scale);
                divide(m[k], scale);
            }
        }
        else
        {
            b = new double[][] {values(base)};
            m = new double[][] {values(mine)};
        }
        final Compare.Result c = Compare.compare(b, m, perTest, 1 - rules.alpha(), rules.minEffect(),
            rules.resamples(), rules.seed());
        if (c == null)
        {
            return none;
        }
        final Direction d = c.diff() > 0 ? Direction.WORSE : c.diff() < 0 ? Direction.BETTER : Direction.NONE;
        return new Comparison(variant, metric[0], metric[1], rule, count(base), count(mine),
            Compare.median(values(base)), Compare.median(values(mine)), c.diff(), c.low(), c.high(), c.p(),
            c.significant(), d);
    }

    private static double[] values(final Map<Integer, List<Double>> byRound)
    {
        return byRound.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    private static void divide(final double[] v, final double by)
    {
        for (int k = 0; k < v.length; k++)
        {
            v[k] /= by;
        }
    }

    private static LabVerdict verdict(final String variant, final List<Comparison> list, final LabRules rules,
        final Readback readback)
    {
        final List<String> rejects = new ArrayList<>();
        final List<String> accepts = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        for (final Comparison c : list)
        {
            if (!c.significant())
            {
                continue;
            }
            final boolean worse = c.direction() == Direction.WORSE;
            switch (c.rule())
            {
                case JITTER ->
                {
                    if (worse && c.diff() > rules.jitterLimit())
                    {
                        rejects.add(line(c, "p99 jitter worse than the baseline by more than "
                            + pct(rules.jitterLimit())));
                    }
                    else
                    {
                        notes.add(line(c, worse ? "worse, within the " + pct(rules.jitterLimit()) + " jitter limit" :
                            "better"));
                    }
                }
                case TAIL -> (worse ? rejects : accepts).add(line(c, worse ? "tail worse" : "tail better"));
                case FRAGMENTATION -> (worse ? rejects : accepts).add(line(c, worse ?
                    "higher fragmentation under stable load" : "lower fragmentation under stable load"));
                default -> notes.add(line(c, worse ? "higher (reported only)" : "lower (reported only)"));
            }
        }
        final List<String> reasons = new ArrayList<>();
        final LabVerdict.Decision decision;
        if (!rejects.isEmpty())
        {
            decision = LabVerdict.Decision.REJECT;
            reasons.addAll(rejects);
        }
        else if (!accepts.isEmpty())
        {
            decision = LabVerdict.Decision.ACCEPT;
            reasons.addAll(accepts);
        }
        else
        {
            decision = LabVerdict.Decision.NO_DIFFERENCE;
            final long compared = list.stream().filter(Comparison::compared).count();
            reasons.add(compared == 0 ? "nothing to compare: no latency windows or memory samples in both variants" :
                "no significant difference of at least " + pct(rules.minEffect()) + " on p99.9, tail span, p99, "
                    + "jitter or fragmentation (" + compared + " metrics compared)");
        }
        reasons.addAll(notes);
        if (readback != null && !readback.ok())
        {
            reasons.add("options not in force: " + String.join("; ", readback.mismatches()));
        }
        return new LabVerdict(variant, decision, reasons);
    }

    /**
     * @param result a lab.
     * @param variant a variant.
     * @return its read-back, null when there is none.
     */
    static Readback readback(final LabResult result, final String variant)
    {
        return result.readback() == null ? null : result.readback().get(variant);
    }

    /**
     * @param result a lab.
     * @return its settings, empty when there are none.
     */
    static Map<String, Object> settings(final LabResult result)
    {
        return result.settings() == null ? Map.of() : result.settings();
    }

    private static String line(final Comparison c, final String what)
    {
        return String.format(Locale.ROOT, "%s %+.1f%% [%+.1f%% .. %+.1f%%] p=%.2g (%.4g -> %.4g %s): %s", c.metric(),
            c.diff() * 100, c.ciLow() * 100, c.ciHigh() * 100, c.p(), c.baseMedian(), c.variantMedian(), c.unit(),
            what);
    }

    private static String pct(final double fraction)
    {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static double rank(final long[] sorted, final double q)
    {
        return sorted[Math.max(0, (int)Math.ceil(q * sorted.length) - 1)];
    }
}
