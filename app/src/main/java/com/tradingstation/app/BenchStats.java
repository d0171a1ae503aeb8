package com.tradingstation.app;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of {@code station bench compare}, on per-round values (one value a round: each
 * round's p50, p90, ...), since rounds are the independent repetitions of a run while successive
 * latency samples are not independent (a stall delays every line behind it).
 * <ul>
 * <li>effect: the relative difference of the medians over rounds, new vs base;</li>
 * <li>confidence interval: percentile bootstrap of that difference (rounds resampled with
 * replacement in each group, seeded, so a comparison is reproducible);</li>
 * <li>significance: the two-sided Mann-Whitney U test (commons-math3) on the rounds.</li>
 * </ul>
 */
final class BenchStats
{
    private BenchStats()
    {
    }

    /**
     * @param values values (sorted or not; not changed).
     * @return their median.
     */
    static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * @param base rounds of the baseline.
     * @param next rounds of the new run.
     * @return the relative difference of the medians, (new - base) / base.
     */
    static double relativeDifference(final double[] base, final double[] next)
    {
        final double b = median(base);
        return b == 0 ? 0 : (median(next) - b) / b;
    }

    /**
     * @param base       rounds of the baseline.
     * @param next       rounds of the new run.
     * @param level      confidence level, e.g. 0.99.
     * @param resamples  bootstrap resamples.
     * @param seed       random seed.
     * @return {low, high} of the relative difference of the medians.
     */
    static double[] bootstrap(
        final double[] base, final double[] next, final double level, final int resamples, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] diffs = new double[resamples];
        final double[] b = new double[base.length];
        final double[] n = new double[next.length];
        for (int i = 0; i < resamples; i++)
        {
            for (int j = 0; j < b.length; j++)
            {
                b[j] = base[random.nextInt(base.length)];
            }
            for (int j = 0; j < n.length; j++)
            {
                n[j] = next[random.nextInt(next.length)];
            }
            diffs[i] = relativeDifference(b, n);
        }
        Arrays.sort(diffs);
        final double tail = (1 - level) / 2;
        return new double[] {diffs[(int)Math.floor(tail * (resamples - 1))],
            diffs[(int)Math.ceil((1 - tail) * (resamples - 1))]};
    }

    /**
     * @param base rounds of the baseline.
     * @param next rounds of the new run.
     * @return the two-sided p-value of the Mann-Whitney U test.
     */
    static double mannWhitney(final double[] base, final double[] next)
    {
        return new MannWhitneyUTest().mannWhitneyUTest(base, next);
    }
}
