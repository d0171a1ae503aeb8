package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.SymbolRef;
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
        try (LiveHarness.Served served = LiveHarness.serve(dir, Venue.BINANCE_SPOT, 5, 6, 20, b -> b.speed(2).seed(1)))
        {
            final List<SymbolRef> symbols = served.symbols();
            final LiveHarness.Run run = LiveHarness.run(served.sim(), symbols,
                LiveHarness.settingsFor(served.sim(), symbols).build(), Duration.ofSeconds(60));
            assertThat(run.result().symbols()).hasSize(5);
            LiveHarness.assertCleanLive(run.result());
            LiveHarness.assertSameBooks(run.result(), served.replay());
            assertThat(run.result().symbols().stream().mapToLong(s -> s.tickerCheckCount()).sum()).isPositive();
        }
    }
}
