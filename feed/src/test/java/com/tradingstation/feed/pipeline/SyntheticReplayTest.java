package com.tradingstation.feed.pipeline;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.testing.SessionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Always-on replay of generated sessions in the recorder's format, for every venue variant.
 */
class SyntheticReplayTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Venue.class)
    void generatedSessionReplaysCleanly(final Venue venue) throws IOException
    {
        final SessionFixture fixture = new SessionFixture(venue, 42);
        final Path file = dir.resolve("session.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            out.write(fixture.generateBytes(5000));
        }

        final PipelineResult result = new StationPipeline(null, 0, true).run(List.of(file));

        assertThat(result.clean()).isTrue();
        assertThat(result.symbols()).hasSize(1);
        final SymbolReport s = result.symbols().get(0);
        assertThat(s.venue()).isEqualTo(venue.id());
        assertThat(s.symbol()).isEqualTo(fixture.symbol());
        assertThat(s.gapCount()).isZero();
        assertThat(s.crossedCount()).isZero();
        assertThat(s.bufferedCount()).isEqualTo(5);
        assertThat(s.appliedCount() + s.dropped()).isEqualTo(5000);
        assertThat(s.tickerCheckCount()).isPositive();
        assertThat(s.tickerAgreeCount()).isEqualTo(s.tickerCheckCount());
        assertThat(s.bestBid()).isEqualTo(fixture.bestBid());
        assertThat(s.bestAsk()).isEqualTo(fixture.bestAsk());
        assertThat(s.bidLevels()).isEqualTo(fixture.bidLevels());
        assertThat(s.askLevels()).isEqualTo(fixture.askLevels());
    }

    @Test
    void filesGivenTogetherFormOneSession() throws IOException
    {
        final List<String> lines = new SessionFixture(Venue.BINANCE_SPOT, 7).generate(2000);
        final int half = lines.size() / 2;
        final Path a = dir.resolve("a.txt");
        final Path b = dir.resolve("b.txt");
        Files.write(a, lines.subList(0, half));
        Files.write(b, lines.subList(half, lines.size()));

        final PipelineResult split = new StationPipeline(null, 0, true).run(List.of(a, b));
        final Path whole = dir.resolve("whole.txt");
        Files.write(whole, lines);
        final PipelineResult joined = new StationPipeline(null, 0, true).run(List.of(whole));

        assertThat(split.clean()).isTrue();
        assertThat(split.symbols().get(0)).isEqualTo(joined.symbols().get(0));
    }

    @Test
    void aMissingFileInTheMiddleIsAGapNotACrash() throws IOException
    {
        final List<String> lines = new SessionFixture(Venue.BINANCE_USDM, 9).generate(3000);
        final Path a = dir.resolve("a.txt");
        final Path c = dir.resolve("c.txt");
        Files.write(a, lines.subList(0, 1000));
        Files.write(c, lines.subList(2000, lines.size()));

        final PipelineResult r = new StationPipeline(null, 0, true).run(List.of(a, c));

        final SymbolReport s = r.symbols().get(0);
        assertThat(s.gapCount()).isEqualTo(1);
        assertThat(s.resyncCount()).isEqualTo(1);
        assertThat(s.state()).isEqualTo("AWAITING_SNAPSHOT");
        assertThat(r.clean()).isFalse();
    }

    @Test
    void truncatedGzipIsReportedAndWhatWasReadIsKept() throws IOException
    {
        final byte[] session = new SessionFixture(Venue.BINANCE_SPOT, 3).generateBytes(3000);
        final Path gz = dir.resolve("t.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz)))
        {
            out.write(session);
        }
        final byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));

        final PipelineResult r = new StationPipeline(null, 0, true).run(List.of(gz));

        assertThat(r.readErrors()).hasSize(1);
        assertThat(r.symbols().get(0).appliedCount()).isPositive();
        assertThat(r.clean()).isFalse();
    }
}
