package com.tradingstation.feed.pipeline;

import com.tradingstation.feed.testing.Captures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the real Binance captures (when ../shared/data/binance is present) and checks what the
 * data's README says a correct replay shows: no gaps, never crossed, and every bookTicker with
 * the book's update id equal to the rebuilt top.
 */
class RealCaptureReplayTest
{
    static Stream<Arguments> sessions()
    {
        return Stream.of(
            Arguments.of("spot", Captures.SPOT, "binance-spot", "BTCUSDT"),
            Arguments.of("usdm", Captures.USDM, "binance-usdm", "BTCUSDT"),
            Arguments.of("coinm", Captures.COINM, "binance-coinm", "BTCUSD_PERP"));
    }

    /** The session's files, or the test skipped when they are not next to the repository. */
    private static List<Path> pathsOrSkip(final List<String> files)
    {
        final List<Path> paths = Captures.session(files);
        Assumptions.assumeTrue(paths != null, () -> Captures.missing(files));
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void replayIsCleanAndAgreesWithBookTicker(
        final String name, final List<String> files, final String venue, final String symbol)
    {
        final List<Path> paths = pathsOrSkip(files);

        final PipelineResult threaded = new StationPipeline(null, 0, true).run(paths);
        assertThat(threaded.readErrors()).isEmpty();
        assertThat(threaded.malformedTotal()).isZero();
        assertThat(threaded.symbols()).hasSize(1);
        final SymbolReport s = threaded.symbols().get(0);
        assertThat(s.venue()).isEqualTo(venue);
        assertThat(s.symbol()).isEqualTo(symbol);
        assertThat(s.state()).isEqualTo("LIVE");
        assertThat(s.gapCount()).isZero();
        assertThat(s.crossedCount()).isZero();
        assertThat(s.resyncCount()).isZero();
        assertThat(s.snapshotCount()).isEqualTo(1);
        assertThat(s.appliedCount()).isGreaterThan(1000);
        assertThat(s.tickerCheckCount()).isPositive();
        assertThat(s.tickerAgreeCount()).isEqualTo(s.tickerCheckCount());
        assertThat(s.bidLevels()).isGreaterThan(1000);
        assertThat(s.askLevels()).isGreaterThan(1000);
        assertThat(threaded.clean()).isTrue();

        // The inline (single-thread) pipeline must build the identical book.
        final PipelineResult inline = new StationPipeline(null, 0, false).run(paths);
        assertThat(inline.symbols().get(0)).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void depthCapKeepsTheTopIdentical(final String name, final List<String> files)
    {
        final List<Path> paths = pathsOrSkip(files);

        final SymbolReport full = new StationPipeline(null, 0, false).run(paths).symbols().get(0);
        final SymbolReport capped = new StationPipeline(null, 1000, false).run(paths).symbols().get(0);
        assertThat(capped.bidLevels()).isLessThanOrEqualTo(1000);
        assertThat(capped.askLevels()).isLessThanOrEqualTo(1000);
        assertThat(capped.bestBid()).isEqualTo(full.bestBid());
        assertThat(capped.bestAsk()).isEqualTo(full.bestAsk());
        assertThat(capped.gapCount()).isZero();
        assertThat(capped.crossedCount()).isZero();
    }
}
