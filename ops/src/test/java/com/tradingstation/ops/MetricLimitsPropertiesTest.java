package com.tradingstation.ops;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricLimitsPropertiesTest
{
    @Provide
    Arbitrary<MetricLimits> limits()
    {
        final Arbitrary<Double> base = Arbitraries.doubles().between(0.01, 1e6);
        final Arbitrary<Double> step = Arbitraries.doubles().between(1.0, 3.0);
        return Combinators.combine(base, step, step, Arbitraries.of(true, false), Arbitraries.doubles().between(0.2, 5.0))
            .as((b, s1, s2, higher, g) -> higher
                ? new MetricLimits("m", "u", true, b * s1 * s2, b * s1, b, b * s1 * s2 * g)
                : new MetricLimits("m", "u", false, b, b * s1, b * s1 * s2, b * g));
    }

    @Property
    void theGateLimitItselfPassesAndTheNextValueBeyondItDoesNot(@ForAll("limits") final MetricLimits l,
        @ForAll @DoubleRange(min = 0.01, max = 0.99) final double tolerance)
    {
        final double beyond = l.higherIsBetter() ? Math.nextDown(l.gate()) : Math.nextUp(l.gate());
        assertThat(l.decide(l.gate(), tolerance).verdict()).isEqualTo(Verdict.PASS);
        assertThat(l.decide(beyond, tolerance).verdict()).isEqualTo(Verdict.SOFT_FAIL);
    }

    @Property
    void theEdgeOfTheToleranceIsSoftAndTheNextValueFails(@ForAll("limits") final MetricLimits l,
        @ForAll @DoubleRange(min = 0.01, max = 0.99) final double tolerance)
    {
        final double soft = l.softLimit(tolerance);
        final double beyond = l.higherIsBetter() ? Math.nextDown(soft) : Math.nextUp(soft);
        assertThat(l.decide(soft, tolerance).verdict()).isEqualTo(Verdict.SOFT_FAIL);
        assertThat(l.decide(beyond, tolerance).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Property
    void zeroToleranceLeavesNoSoftZone(@ForAll("limits") final MetricLimits l)
    {
        final double beyond = l.higherIsBetter() ? Math.nextDown(l.gate()) : Math.nextUp(l.gate());
        assertThat(l.decide(l.gate(), 0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(l.decide(beyond, 0).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Property
    void verdictAndBandOnlyWorsenAsTheValueWorsens(@ForAll("limits") final MetricLimits l,
        @ForAll @DoubleRange(min = 0, max = 1e7) final double a, @ForAll @DoubleRange(min = 0, max = 1e7) final double b,
        @ForAll @DoubleRange(min = 0, max = 0.99) final double tolerance)
    {
        final double better = l.higherIsBetter() ? Math.max(a, b) : Math.min(a, b);
        final double worse = l.higherIsBetter() ? Math.min(a, b) : Math.max(a, b);
        assertThat(l.decide(worse, tolerance).verdict()).isGreaterThanOrEqualTo(l.decide(better, tolerance).verdict());
        assertThat(l.band(worse)).isGreaterThanOrEqualTo(l.band(better));
    }

    @Property
    void everyBandBoundaryBelongsToTheBandOnItsWorseSideExceptTheLast(@ForAll("limits") final MetricLimits l)
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
    }

    @Property
    void theDecisionIsTheWorstMetricVerdict(@ForAll("verdicts") final List<Verdict> verdicts)
    {
        final List<MetricDecision> ds = verdicts.stream()
            .map(v -> new MetricDecision("m", 1, 1, 1, Band.GOOD, v, "")).toList();
        final Verdict expected = verdicts.stream().max(Enum::compareTo).orElse(Verdict.PASS);
        assertThat(Gate.overall(ds)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Verdict>> verdicts()
    {
        return Arbitraries.of(Verdict.class).list().ofMaxSize(6);
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
        for (final Map.Entry<Double, Band> e : Map.of(20_001.0, Band.EXCELLENT, 20_000.0, Band.GOOD, 15_001.0, Band.GOOD,
            15_000.0, Band.WARNING, 10_000.0, Band.WARNING, 9_999.0, Band.STOP).entrySet())
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
