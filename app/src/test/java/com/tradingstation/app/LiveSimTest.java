package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live connectors against the exchange simulator serving generated sessions: the books end
 * equal to a replay of the same session.
 */
class LiveSimTest
{
    @TempDir
    Path dir;

    @Test
    void spotSessionEndsEqualToReplay() throws Exception
    {
        final Path file = LiveHarness.synth(dir, Venue.BINANCE_SPOT, 5, 6, 20);
        final PipelineResult replay = LiveHarness.replay(List.of(file));
        try (ExchangeSimulator sim = new ExchangeSimulator(SimConfig.builder()
            .capture(Venue.BINANCE_SPOT, List.of(file))
            .speed(2).seed(1).pingIntervalMs(500).build()))
        {
            sim.start();
            final List<SymbolRef> symbols = LiveHarness.symbolsOf(replay);
            final LiveHarness.Run run = LiveHarness.run(sim, symbols,
                LiveHarness.settingsFor(sim, symbols).build(), Duration.ofSeconds(60));
            assertThat(run.result().symbols()).hasSize(5);
            LiveHarness.assertCleanLive(run.result());
            LiveHarness.assertSameBooks(run.result(), replay);
            assertThat(run.result().symbols().stream().mapToLong(s -> s.tickerCheckCount()).sum()).isPositive();
        }
    }
}
