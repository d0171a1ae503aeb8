package com.tradingstation.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StationHelpTest
{
    @TempDir
    Path dir;

    @Test
    void helpPrintsEveryDescriptionWithoutAFormattingWarning() throws Exception
    {
        final StationProcess.Result top = StationProcess.run(Map.of(), dir, Duration.ofSeconds(60), "--help");
        assertThat(top.exit()).as(top.err()).isZero();
        assertThat(top.err()).doesNotContain("picocli WARN").isEmpty();
        assertThat(top.out().replaceAll("\\s+", " "))
            .contains("the pass rate over a window (KPI > 95%) and the p99 trend");

        final StationProcess.Result ledger = StationProcess.run(Map.of(), dir, Duration.ofSeconds(60), "ledger",
            "--help");
        assertThat(ledger.exit()).as(ledger.err()).isZero();
        assertThat(ledger.err()).isEmpty();
        assertThat(ledger.out().replaceAll("\\s+", " ")).contains("(KPI > 95%)");
    }
}
