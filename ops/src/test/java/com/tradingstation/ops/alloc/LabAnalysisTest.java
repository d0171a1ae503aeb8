package com.tradingstation.ops.alloc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis on seeded model labs: what it must tell apart and what it must not. */
class LabAnalysisTest
{
    private static final LabModel MODEL = LabModel.standard();
    private static final LabModel LONG = new LabModel(5, 60_000, 40);

    private static Map<String, LabModel.Effect> effects(final LabModel.Effect... others)
    {
        final Map<String, LabModel.Effect> m = new LinkedHashMap<>();
        m.put("A", LabModel.Effect.NONE);
        for (int i = 0; i < others.length; i++)
        {
            m.put(String.valueOf((char)('B' + i)), others[i]);
        }
        return m;
    }

    private static LabAnalysis.Comparison metric(final LabAnalysis a, final String variant, final String metric)
    {
        return a.comparisons(variant).stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void identicalVariantsAreNotToldApartOnTwentySeeds()
    {
        final List<String> told = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++)
        {
            final LabAnalysis a = LabAnalysis.analyze(
                MODEL.lab(seed, effects(LabModel.Effect.NONE, LabModel.Effect.NONE)), LabRules.defaults());
            for (final String v : List.of("B", "C"))
            {
                if (a.verdict(v).decision() != LabVerdict.Decision.NO_DIFFERENCE)
                {
                    told.add("seed " + seed + " " + v + ": " + a.verdict(v));
                }
            }
        }
        assertThat(told).isEmpty();
    }

    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    private static LabAnalysis analyze(final long seed, final LabModel.Effect effect)
    {
        return LabAnalysis.analyze(MODEL.lab(seed, effects(effect)), LabRules.defaults());
    }

    private static List<LabAnalysis.Comparison> significant(final LabAnalysis a, final String suffix)
    {
        return a.comparisons("B").stream().filter(c -> c.significant() && c.metric().endsWith(suffix)).toList();
    }

    @Test
    void thirtyPercentWorseTailIsRejectedWithSignificanceOnEverySeed()
    {
        for (final long seed : SEEDS)
        {
            final LabAnalysis a = analyze(seed, LabModel.Effect.top(1.3));
            final LabAnalysis.Comparison p999 = metric(a, "B", "set.p999");
            assertThat(p999.significant()).as("seed %d", seed).isTrue();
            assertThat(p999.direction()).isEqualTo(LabAnalysis.Direction.WORSE);
            assertThat(p999.p()).isLessThan(a.alphaPerTest("B"));
            assertThat(p999.ciLow()).isGreaterThan(0);
            assertThat(p999.diff()).isBetween(0.15, 0.45);
            assertThat(a.verdict("B").decision()).isEqualTo(LabVerdict.Decision.REJECT);
            assertThat(a.verdict("B").reasons()).anyMatch(r -> r.startsWith("set.p999 +") && r.endsWith("tail worse"));
        }
    }

    @Test
    void twentyPercentMoreFragmentationIsRejectedOnEverySeed()
    {
        for (final long seed : SEEDS)
        {
            final LabAnalysis a = analyze(seed, LabModel.Effect.frag(1.2));
            assertThat(metric(a, "B", "memFragRatio").significant()).as("seed %d", seed).isTrue();
            assertThat(metric(a, "B", "allocatorFragRatio").diff()).isBetween(0.15, 0.25);
            assertThat(a.verdict("B").decision()).isEqualTo(LabVerdict.Decision.REJECT);
            assertThat(a.verdict("B").reasons()).anyMatch(r -> r.startsWith("memFragRatio +")
                && r.endsWith("higher fragmentation under stable load"));
            assertThat(significant(a, ".p999")).isEmpty();
        }
    }

    /**
     * A tail span 30% shorter is a smaller signal than it looks: each window's span is the difference of two
     * order statistics of 1,000 samples. On this model it is accepted on 9 of the 10 seeds (the tenth is
     * NO_DIFFERENCE) and never rejected; the bound is checked on that fixed seed list.
     */
    @Test
    void thirtyPercentShorterTailIsAcceptedOnEverySeedOfLongRunsAndNeverRejected()
    {
        int accepted = 0;
        for (long seed = 1; seed <= 10; seed++)
        {
            final LabAnalysis a = LabAnalysis.analyze(LONG.lab(seed, effects(LabModel.Effect.span(0.7))),
                LabRules.defaults());
            final LabVerdict v = a.verdict("B");
            assertThat(v.decision()).as("seed %d", seed).isNotEqualTo(LabVerdict.Decision.REJECT);
            if (v.decision() == LabVerdict.Decision.ACCEPT)
            {
                accepted++;
                assertThat(significant(a, ".tailSpan")).isNotEmpty()
                    .allMatch(c -> c.direction() == LabAnalysis.Direction.BETTER && c.ciHigh() < 0);
                assertThat(v.reasons()).anyMatch(r -> r.contains(".tailSpan -") && r.endsWith("tail better"));
            }
        }
        assertThat(accepted).as("accepted").isEqualTo(10);
    }

    @Test
    void latencyWorseByMoreThanTheJitterLimitIsRejectedAndTheBaselineIsTheBaseline()
    {
        final LabAnalysis a = analyze(17, LabModel.Effect.latency(1.4));
        assertThat(a.verdict("A").decision()).isEqualTo(LabVerdict.Decision.BASELINE);
        assertThat(a.comparisons("A")).isEmpty();
        assertThat(a.verdict("B").decision()).isEqualTo(LabVerdict.Decision.REJECT);
        assertThat(a.verdict("B").reasons()).anyMatch(r -> r.startsWith("set.jitter +")
            && r.endsWith("p99 jitter worse than the baseline by more than 15%"));
    }

    @Test
    void anUnknownVariantIsAnError()
    {
        final LabAnalysis a = analyze(1, LabModel.Effect.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.verdict("Z"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no variant 'Z'");
    }
}
