package com.tradingstation.ops.stats;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two-sample comparison of a baseline and a candidate, the one implementation behind
 * {@code station bench compare} and the allocator lab:
 * <ul>
 * <li>effect: the relative difference of the medians, (candidate - base) / base;</li>
 * <li>confidence interval: percentile bootstrap of that difference, seeded so a comparison is
 * reproducible; {@link #bootstrap} resamples each group whole, {@link #stratifiedBootstrap} resamples
 * within each stratum (a round of an interleaved experiment), so every resample keeps the rounds'
 * proportions and a drift shared by a round cannot move between the groups;</li>
 * <li>significance: the two-sided Mann-Whitney U test (commons-math3), which assumes nothing about the
 * shape of the distributions (latencies are skewed, with stall bursts).</li>
 * </ul>
 * The values compared must be roughly independent: per-round figures, or summaries of windows of
 * consecutive samples, never single latency samples (a stall delays every sample behind it).
 */
public final class Compare
{
    private Compare()
    {
    }

    /**
     * One comparison.
     *
     * @param baseMedian  median of the baseline values.
     * @param nextMedian  median of the candidate values.
     * @param diff        (nextMedian - baseMedian) / baseMedian; 0 when the baseline median is 0.
     * @param low         lower end of the bootstrap interval of {@code diff}.
     * @param high        upper end.
     * @param p           two-sided Mann-Whitney p-value.
     * @param significant p &lt; the level, |diff| &gt;= the minimum effect and the interval lies on diff's side of 0.
     */
    public record Result(double baseMedian, double nextMedian, double diff, double low, double high, double p,
                         boolean significant)
    {
    }

    /**
     * @param values values (sorted or not; not changed).
     * @return their median, NaN for none.
     */
    public static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        return sortedMedian(v);
    }

    /**
     * @param base baseline values.
     * @param next candidate values.
     * @return the relative difference of the medians, (next - base) / base; 0 when the base median is 0.
     */
    public static double relativeDifference(final double[] base, final double[] next)
    {
        final double b = median(base);
        return b == 0 ? 0 : (median(next) - b) / b;
    }

    /**
     * @param base       baseline values.
     * @param next       candidate values.
     * @param level      confidence level, e.g. 0.99.
     * @param resamples  bootstrap resamples.
     * @param seed       random seed.
     * @return {low, high} of the relative difference of the medians.
     */
    public static double[] bootstrap(
        final double[] base, final double[] next, final double level, final int resamples, final long seed)
    {
        return stratifiedBootstrap(new double[][] {base}, new double[][] {next}, level, resamples, seed);
    }

    /**
     * Percentile bootstrap that resamples with replacement within each stratum of each group and
     * compares the medians of the pooled resamples. A stratum empty in one group is left empty.
     *
     * @param base      baseline values per stratum (e.g. per round).
     * @param next      candidate values per stratum, same strata as {@code base}.
     * @param level     confidence level, e.g. 0.99.
     * @param resamples bootstrap resamples.
     * @param seed      random seed.
     * @return {low, high} of the relative difference of the pooled medians.
     */
    public static double[] stratifiedBootstrap(
        final double[][] base, final double[][] next, final double level, final int resamples, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] diffs = new double[resamples];
        final Resampler b = new Resampler(base);
        final Resampler n = new Resampler(next);
        for (int i = 0; i < resamples; i++)
        {
            final double mb = b.median(random);
            final double mn = n.median(random);
            diffs[i] = mb == 0 ? 0 : (mn - mb) / mb;
        }
        Arrays.sort(diffs);
        final double tail = (1 - level) / 2;
        return new double[] {diffs[(int)Math.floor(tail * (resamples - 1))],
            diffs[(int)Math.ceil((1 - tail) * (resamples - 1))]};
    }

    /**
     * @param base baseline values.
     * @param next candidate values.
     * @return the two-sided p-value of the Mann-Whitney U test.
     */
    public static double mannWhitney(final double[] base, final double[] next)
    {
        return new MannWhitneyUTest().mannWhitneyUTest(base, next);
    }

    /**
     * The whole comparison: medians, effect, stratified bootstrap interval at {@code level},
     * Mann-Whitney on the pooled values, and the decision. A difference is significant only when
     * {@code p < alpha}, {@code |diff| >= minEffect} and the interval lies on the same side of 0 as
     * {@code diff}: on a drifting machine
     * two runs of the same thing differ by a few percent, and with many values the test alone calls
     * that drift significant.
     *
     * @param base      baseline values per stratum.
     * @param next      candidate values per stratum.
     * @param alpha     level of this one test (already divided by the number of tests).
     * @param level     confidence level of the interval, e.g. {@code 1 - alpha}; an interval far out in the
     *                  tails needs many resamples (at 2,000 a 99.9% interval is the extremes of the resamples).
     * @param minEffect least |relative difference| called a difference, e.g. 0.10.
     * @param resamples bootstrap resamples.
     * @param seed      random seed.
     * @return the comparison; null when either group has fewer than 2 values.
     */
    public static Result compare(final double[][] base, final double[][] next, final double alpha,
        final double level, final double minEffect, final int resamples, final long seed)
    {
        final double[] b = pool(base);
        final double[] n = pool(next);
        if (b.length < 2 || n.length < 2)
        {
            return null;
        }
        final double bm = median(b);
        final double diff = bm == 0 ? 0 : (median(n) - bm) / bm;
        final double[] ci = stratifiedBootstrap(base, next, level, resamples, seed);
        final double p = mannWhitney(b, n);
        final boolean significant = p < alpha && Math.abs(diff) >= minEffect && (diff >= 0 ? ci[0] > 0 : ci[1] < 0);
        return new Result(bm, median(n), diff, ci[0], ci[1], p, significant);
    }

    /**
     * @param strata values per stratum.
     * @return all of them in one array.
     */
    public static double[] pool(final double[][] strata)
    {
        final double[] all = new double[total(strata)];
        int k = 0;
        for (final double[] s : strata)
        {
            System.arraycopy(s, 0, all, k, s.length);
            k += s.length;
        }
        return all;
    }

    /**
     * Medians of resamples without sorting each one: the values are sorted once, a resample only counts
     * how often it drew each of them, and the median is found by walking the counts (O(n) a resample).
     */
    private static final class Resampler
    {
        private final double[][] strata;
        private final int[][] rank;
        private final double[] sorted;
        private final int[] counts;

        Resampler(final double[][] strata)
        {
            this.strata = strata;
            final int n = total(strata);
            final double[] all = new double[n];
            final int[] stratum = new int[n];
            final int[] at = new int[n];
            int k = 0;
            for (int s = 0; s < strata.length; s++)
            {
                for (int j = 0; j < strata[s].length; j++)
                {
                    all[k] = strata[s][j];
                    stratum[k] = s;
                    at[k++] = j;
                }
            }
            final Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));
            rank = new int[strata.length][];
            for (int s = 0; s < strata.length; s++)
            {
                rank[s] = new int[strata[s].length];
            }
            sorted = new double[n];
            for (int r = 0; r < n; r++)
            {
                sorted[r] = all[order[r]];
                rank[stratum[order[r]]][at[order[r]]] = r;
            }
            counts = new int[n];
        }

        double median(final SplittableRandom random)
        {
            final int n = sorted.length;
            if (n == 0)
            {
                return Double.NaN;
            }
            Arrays.fill(counts, 0);
            for (int s = 0; s < strata.length; s++)
            {
                final int m = strata[s].length;
                for (int j = 0; j < m; j++)
                {
                    counts[rank[s][random.nextInt(m)]]++;
                }
            }
            final int high = n / 2;
            final int low = n % 2 == 1 ? high : high - 1;
            double lowValue = 0;
            boolean lowFound = false;
            int seen = 0;
            for (int r = 0; r < n; r++)
            {
                seen += counts[r];
                if (!lowFound && seen > low)
                {
                    lowValue = sorted[r];
                    lowFound = true;
                }
                if (seen > high)
                {
                    return (lowValue + sorted[r]) / 2;
                }
            }
            throw new IllegalStateException("resample of " + n + " counted " + seen);
        }
    }

    private static int total(final double[][] strata)
    {
        int n = 0;
        for (final double[] s : strata)
        {
            n += s.length;
        }
        return n;
    }

    private static double sortedMedian(final double[] v)
    {
        final int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
