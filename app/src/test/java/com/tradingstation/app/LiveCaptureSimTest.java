package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.testing.Captures;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live connectors against the exchange simulator serving the real Binance captures, at full
 * speed and at ten times the recorded pace: the books end equal to {@code station replay} of the
 * same files, with no gap, no crossed book and every bookTicker check agreeing.
 */
class LiveCaptureSimTest
{
    @ParameterizedTest(name = "{0} at speed {2}")
    @CsvSource({
        "binance-spot, SPOT, 0",
        "binance-usdm, USDM, 0",
        "binance-coinm, COINM, 0",
        "binance-spot, SPOT, 10",
        "binance-usdm, USDM, 10",
        "binance-coinm, COINM, 10"})
    void liveBooksEqualTheReplay(final String venueId, final String set, final double speed) throws Exception
    {
        final List<String> names = LiveHarness.sessionNames(set);
        final List<Path> files = Captures.session(names);
        Assumptions.assumeTrue(files != null, Captures.missing(names));
        final Venue venue = Venue.fromId(venueId);
        final PipelineResult replay = LiveHarness.replay(files);
        try (ExchangeSimulator sim = new ExchangeSimulator(SimConfig.builder().capture(venue, files)
            .speed(speed).seed(3).pingIntervalMs(500).build()))
        {
            sim.start();
            final List<SymbolRef> symbols = new ArrayList<>();
            replay.symbols().forEach(s -> symbols.add(new SymbolRef(Venue.fromId(s.venue()), s.symbol())));
            // Spot serves up to 5000 levels, so its whole book comes over; futures serve at most 1000.
            final int limit = venue == Venue.BINANCE_SPOT ? 5000 : 1000;
            final LiveHarness.Run run = LiveHarness.run(sim, symbols,
                LiveHarness.settingsFor(sim, symbols).snapshotLimit(limit).build(),
                Duration.ofSeconds(speed == 0 ? 120 : 180));
            assertThat(run.sim().timeline().finished()).as("simulator sent the whole session").isTrue();
            LiveHarness.assertCleanLive(run.result());
            LiveHarness.assertSameBooks(run.result(), replay, limit);
            assertThat(run.result().symbols().get(0).tickerCheckCount()).as("bookTicker checks").isPositive();
            assertThat(run.result().malformedTotal()).isZero();
        }
    }
}
