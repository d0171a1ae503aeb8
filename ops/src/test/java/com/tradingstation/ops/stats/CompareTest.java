package com.tradingstation.ops.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Medians, bootstraps and the combined decision on values whose answer is known. */
class CompareTest
{
    private static double[] lognormal(final SplittableRandom random, final int n, final double median)
    {
        final double[] v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = median * Math.exp(0.3 * random.nextGaussian());
        }
        return v;
    }

    @Test
    void medianAndRelativeDifference()
    {
        final double[] odd = {5, 1, 3};
        assertThat(Compare.median(odd)).isEqualTo(3);
        assertThat(odd).containsExactly(5, 1, 3);
        assertThat(Compare.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Compare.median(new double[0])).isNaN();
        assertThat(Compare.relativeDifference(new double[] {10, 10}, new double[] {12, 12})).isCloseTo(0.2,
            within(1e-12));
        assertThat(Compare.relativeDifference(new double[] {0, 0}, new double[] {1, 1})).isZero();
        assertThat(Compare.pool(new double[][] {{1, 2}, {}, {3}})).containsExactly(1, 2, 3);
    }

    @Test
    void bootstrapIsTheSingleStratumCaseAndReproducible()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final double[] a = lognormal(random, 40, 100);
        final double[] b = lognormal(random, 40, 130);
        final double[] ci = Compare.bootstrap(a, b, 0.95, 2_000, 9);
        assertThat(ci).containsExactly(Compare.stratifiedBootstrap(new double[][] {a}, new double[][] {b}, 0.95,
            2_000, 9));
        assertThat(ci).containsExactly(Compare.bootstrap(a, b, 0.95, 2_000, 9));
        assertThat(ci[0]).isLessThan(Compare.relativeDifference(a, b));
        assertThat(ci[1]).isGreaterThan(Compare.relativeDifference(a, b));
        assertThat(ci[0]).isGreaterThan(0);
    }

    @Test
    void stratifiedBootstrapResamplesOnlyWithinEachStratum()
    {
        // Round 2 runs 100x slower for both groups: within rounds every resample holds three of each, so the
        // median never moves; resampled whole, the mix of fast and slow values (and the median) does.
        final double[][] base = {{1, 1, 1}, {100, 100, 100}};
        final double[][] next = {{1, 1, 1}, {100, 100, 100}};
        assertThat(Compare.stratifiedBootstrap(base, next, 0.95, 2_000, 1)).containsExactly(0, 0);
        final double[] pooled = Compare.bootstrap(Compare.pool(base), Compare.pool(next), 0.95, 2_000, 1);
        assertThat(pooled[0]).isLessThan(-0.5);
        assertThat(pooled[1]).isGreaterThan(0.5);
    }

    @Test
    void compareNeedsSignificanceTheIntervalAndTheMinimumEffect()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final double[][] base = {lognormal(random, 200, 100)};
        final double[][] worse = {lognormal(random, 200, 125)};
        final double[][] slightly = {base[0].clone()};
        for (int i = 0; i < slightly[0].length; i++)
        {
            slightly[0][i] *= 1.05;
        }
        final Compare.Result w = Compare.compare(base, worse, 0.001, 0.99, 0.10, 2_000, 1);
        assertThat(w.significant()).isTrue();
        assertThat(w.diff()).isBetween(0.15, 0.40);
        assertThat(w.low()).isGreaterThan(0);
        assertThat(w.p()).isLessThan(0.001);
        final Compare.Result better = Compare.compare(worse, base, 0.001, 0.99, 0.10, 2_000, 1);
        assertThat(better.significant()).isTrue();
        assertThat(better.high()).isLessThan(0);
        final Compare.Result small = Compare.compare(base, slightly, 0.05, 0.95, 0.10, 2_000, 1);
        assertThat(small.diff()).isCloseTo(0.05, within(1e-9));
        assertThat(small.significant()).isFalse();
        final Compare.Result noMinimum = Compare.compare(base, slightly, 0.5, 0.5, 0.0, 2_000, 1);
        assertThat(noMinimum.p()).isEqualTo(small.p()).isLessThan(0.5);
        assertThat(noMinimum.significant()).isTrue();
        assertThat(Compare.compare(base, new double[][] {{1}}, 0.05, 0.95, 0.1, 2_000, 1)).isNull();
    }
}
