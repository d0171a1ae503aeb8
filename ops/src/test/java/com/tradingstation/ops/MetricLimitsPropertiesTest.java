package com.tradingstation.ops;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;

class MetricLimitsPropertiesTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

    private static Gen<MetricLimits> limits()
    {
        final Gen<Double> base = doubles().between(0.01, 1e6);
        final Gen<Double> step = doubles().between(1.0, 3.0);
        return base.zip(step, step, booleans().all(), doubles().between(0.2, 5.0),
            (b, s1, s2, higher, g) -> higher
                ? new MetricLimits("m", "u", true, b * s1 * s2, b * s1, b, b * s1 * s2 * g)
                : new MetricLimits("m", "u", false, b, b * s1, b * s1 * s2, b * g));
    }

    @Test
    void theGateLimitItselfPassesAndTheNextValueBeyondItDoesNot()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED).forAll(limits(), doubles().between(0.01, 0.99))
            .checkAssert((l, tolerance) ->
            {
                final double beyond = l.higherIsBetter() ? Math.nextDown(l.gate()) : Math.nextUp(l.gate());
                assertThat(l.decide(l.gate(), tolerance).verdict()).isEqualTo(Verdict.PASS);
                assertThat(l.decide(beyond, tolerance).verdict()).isEqualTo(Verdict.SOFT_FAIL);
            });
    }

    @Test
    void theEdgeOfTheToleranceIsSoftAndTheNextValueFails()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED).forAll(limits(), doubles().between(0.01, 0.99))
            .checkAssert((l, tolerance) ->
            {
                final double soft = l.softLimit(tolerance);
                final double beyond = l.higherIsBetter() ? Math.nextDown(soft) : Math.nextUp(soft);
                assertThat(l.decide(soft, tolerance).verdict()).isEqualTo(Verdict.SOFT_FAIL);
                assertThat(l.decide(beyond, tolerance).verdict()).isEqualTo(Verdict.FAIL);
            });
    }

    @Test
    void zeroToleranceLeavesNoSoftZone()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED).forAll(limits()).checkAssert(l ->
        {
            final double beyond = l.higherIsBetter() ? Math.nextDown(l.gate()) : Math.nextUp(l.gate());
            assertThat(l.decide(l.gate(), 0).verdict()).isEqualTo(Verdict.PASS);
            assertThat(l.decide(beyond, 0).verdict()).isEqualTo(Verdict.FAIL);
        });
    }

    @Test
    void verdictAndBandOnlyWorsenAsTheValueWorsens()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED)
            .forAll(limits(), doubles().between(0, 1e7), doubles().between(0, 1e7), doubles().between(0, 0.99))
            .checkAssert((l, a, b, tolerance) ->
            {
                final double better = l.higherIsBetter() ? Math.max(a, b) : Math.min(a, b);
                final double worse = l.higherIsBetter() ? Math.min(a, b) : Math.max(a, b);
                assertThat(l.decide(worse, tolerance).verdict())
                    .isGreaterThanOrEqualTo(l.decide(better, tolerance).verdict());
                assertThat(l.band(worse)).isGreaterThanOrEqualTo(l.band(better));
            });
    }

    @Test
    void everyBandBoundaryBelongsToTheBandOnItsWorseSideExceptTheLast()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED).forAll(limits()).checkAssert(l ->
        {
            final boolean h = l.higherIsBetter();
            // one step towards better from each boundary
            final double betterThanE = h ? Math.nextUp(l.excellent()) : Math.nextDown(l.excellent());
            final double worseThanW = h ? Math.nextDown(l.warning()) : Math.nextUp(l.warning());
            assertThat(l.band(betterThanE)).isEqualTo(Band.EXCELLENT);
            if (l.excellent() != l.good())
            {
                assertThat(l.band(l.excellent())).isEqualTo(Band.GOOD);
            }
            assertThat(l.band(l.good())).isEqualTo(Band.WARNING);
            assertThat(l.band(l.warning())).isEqualTo(Band.WARNING);
            assertThat(l.band(worseThanW)).isEqualTo(Band.STOP);
        });
    }

    /**
     * Every list of up to six verdicts, the empty one included (1,093 lists with three verdicts):
     * all there are, where random drawing from so small a domain would mostly repeat itself.
     */
    @Test
    void theDecisionIsTheWorstMetricVerdict()
    {
        final Verdict[] all = Verdict.values();
        for (int size = 0; size <= 6; size++)
        {
            final int count = (int)Math.pow(all.length, size);
            for (int n = 0; n < count; n++)
            {
                final List<Verdict> verdicts = new ArrayList<>(size);
                for (int i = 0, rest = n; i < size; i++, rest /= all.length)
                {
                    verdicts.add(all[rest % all.length]);
                }
                final List<MetricDecision> ds = verdicts.stream()
                    .map(v -> new MetricDecision("m", 1, 1, 1, Band.GOOD, v, "")).toList();
                final Verdict expected = verdicts.stream().max(Enum::compareTo).orElse(Verdict.PASS);
                assertThat(Gate.overall(ds)).as("%s", verdicts).isEqualTo(expected);
            }
        }
    }

    @Test
    void theOriginalSoftFailAndTheOriginalBands()
    {
        final Thresholds t = Thresholds.defaults();
        final MetricLimits rtt = t.limits(Thresholds.RTT_P99);
        // 12.03 us against 12.0 soft-failed in the original; the default tolerance is 5%.
        assertThat(rtt.decide(12.03, 0.05).verdict()).isEqualTo(Verdict.SOFT_FAIL);
        assertThat(rtt.decide(12.0, 0.05).verdict()).isEqualTo(Verdict.PASS);
        assertThat(rtt.decide(12.6, 0.05).verdict()).isEqualTo(Verdict.SOFT_FAIL);
        assertThat(rtt.decide(12.61, 0.05).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(rtt.decide(Double.NaN, 0.05).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(rtt.decide(12.03, 0.05).reason()).contains("12.03", "12", "tolerance");
        for (final Map.Entry<Double, Band> e : Map.of(11.99, Band.EXCELLENT, 12.0, Band.GOOD, 14.99, Band.GOOD,
            15.0, Band.WARNING, 20.0, Band.WARNING, 20.01, Band.STOP).entrySet())
        {
            assertThat(rtt.band(e.getKey())).as("rtt %s", e.getKey()).isEqualTo(e.getValue());
        }
        final MetricLimits ops = t.limits(Thresholds.OPS);
        for (final Map.Entry<Double, Band> e : Map.of(20_001.0, Band.EXCELLENT, 20_000.0, Band.GOOD,
            15_001.0, Band.GOOD, 15_000.0, Band.WARNING, 10_000.0, Band.WARNING, 9_999.0, Band.STOP).entrySet())
        {
            assertThat(ops.band(e.getKey())).as("ops %s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(ops.decide(19_000, 0.05).verdict()).isEqualTo(Verdict.SOFT_FAIL);
        assertThat(ops.decide(18_999, 0.05).verdict()).isEqualTo(Verdict.FAIL);
        final MetricLimits jitter = t.limits(Thresholds.JITTER);
        assertThat(List.of(jitter.band(1.99), jitter.band(2), jitter.band(3), jitter.band(5), jitter.band(5.01)))
            .containsExactly(Band.EXCELLENT, Band.GOOD, Band.WARNING, Band.WARNING, Band.STOP);
        final MetricLimits mem = t.limits(Thresholds.MEMORY);
        assertThat(List.of(mem.band(4.99), mem.band(5), mem.band(20), mem.band(50), mem.band(50.01)))
            .containsExactly(Band.EXCELLENT, Band.GOOD, Band.WARNING, Band.WARNING, Band.STOP);
    }
}
