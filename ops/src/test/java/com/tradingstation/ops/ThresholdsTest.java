package com.tradingstation.ops;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

class ThresholdsTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

    @Test
    void theCommittedFileHoldsTheOriginalBands() throws Exception
    {
        // Surefire runs in the module directory; the file lives at the repository root's config/.
        final Path committed = Path.of("..", "config", "perf-thresholds.env");
        assertThat(committed).exists();
        final Thresholds t = Thresholds.load(committed);
        assertThat(t.canonical()).isEqualTo(Thresholds.defaults().canonical());
        assertThat(t.sha256()).isEqualTo(Thresholds.defaults().sha256());
        assertThat(Files.readString(committed))
            .contains("RTT_P99_GATE_US=12", "OPS_WARNING=10000", "SOFT_FAIL_TOLERANCE_PCT=5");
    }

    @Test
    void shellStyleLinesOverrideTheDefaultsAndCommentsDoNotChangeTheHash()
    {
        final Thresholds t = Thresholds.parse("""
            # comment
            export RTT_P99_GATE_US="12.1"   # the original's suggested buffer
            JITTER_WARNING_US='6'

            SOFT_FAIL_TOLERANCE_PCT=1
            """, "test");
        assertThat(t.limits(Thresholds.RTT_P99).gate()).isEqualTo(12.1);
        assertThat(t.limits(Thresholds.JITTER).warning()).isEqualTo(6);
        assertThat(t.tolerancePct()).isEqualTo(1);
        assertThat(t.limits(Thresholds.OPS).excellent()).isEqualTo(20_000);
        final Thresholds same = Thresholds.parse("RTT_P99_GATE_US=12.1\nJITTER_WARNING_US=6\n" +
            "SOFT_FAIL_TOLERANCE_PCT=1\n", "x");
        assertThat(same.sha256()).isEqualTo(t.sha256()).isNotEqualTo(Thresholds.defaults().sha256());
    }

    @Test
    void badLinesNameTheLineAndTheKey()
    {
        assertThatThrownBy(() -> Thresholds.parse("\nRTT_P99_MAX=3\n", "f.env"))
            .hasMessageContaining("f.env:2").hasMessageContaining("unknown key 'RTT_P99_MAX'");
        assertThatThrownBy(() -> Thresholds.parse("OPS_GOOD=fast", "f.env"))
            .hasMessageContaining("f.env:1").hasMessageContaining("OPS_GOOD is not a number");
        assertThatThrownBy(() -> Thresholds.parse("just words", "f.env")).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> Thresholds.parse("RTT_P99_GOOD_US=25", "f.env"))
            .hasMessageContaining("rtt_p99_us: boundaries must run");
        assertThatThrownBy(() -> Thresholds.parse("OPS_GOOD=30000", "f.env")).hasMessageContaining("descending");
        assertThatThrownBy(() -> Thresholds.parse("SOFT_FAIL_TOLERANCE_PCT=100", "f.env"))
            .hasMessageContaining("0..100");
        assertThatThrownBy(() -> Thresholds.parse("MEMORY_GATE_MB=0", "f.env")).hasMessageContaining("> 0");
    }

    @Test
    void formatThenParseGivesTheSameThresholds()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED)
            .forAll(doubles().between(0.01, 1000), doubles().between(1, 1e6), doubles().between(0, 50))
            .checkAssert((rtt, ops, tol) ->
            {
                final double r = Math.round(rtt * 100) / 100.0;
                final double o = Math.round(ops);
                final Thresholds t = Thresholds.parse(String.format(java.util.Locale.ROOT,
                    "RTT_P99_EXCELLENT_US=%s\nRTT_P99_GOOD_US=%s\nRTT_P99_WARNING_US=%s\nRTT_P99_GATE_US=%s\n"
                        + "OPS_EXCELLENT=%s\nOPS_GOOD=%s\nOPS_WARNING=%s\nOPS_GATE=%s\nSOFT_FAIL_TOLERANCE_PCT=%s\n",
                    r, r * 2, r * 3, r, o * 3, o * 2, o, o, Math.round(tol * 100) / 100.0), "gen");
                final Thresholds back = Thresholds.parse(t.format(List.of("header")), "formatted");
                assertThat(back.canonical()).isEqualTo(t.canonical());
                assertThat(back.sha256()).isEqualTo(t.sha256());
            });
    }
}
