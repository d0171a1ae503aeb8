package com.tradingstation.feed.binance;

import com.tradingstation.core.event.EventType;
import com.tradingstation.core.fixedpoint.ParseError;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.feed.testing.Captures;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile or careless feed: junk symbols, lenient numbers, a byte-order mark, books that never
 * go live. Each is counted with its reason, never becomes an instrument, and never passes as a
 * clean run.
 */
class HostileInputTest
{
    @TempDir
    Path dir;

    private final InstrumentRegistry registry = new InstrumentRegistry(64);
    private final List<Integer> events = new ArrayList<>();
    private final BinanceDecoder decoder = new BinanceDecoder(registry, this::capture);

    private void capture(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        events.add(type);
    }

    private void feed(final String json)
    {
        final byte[] b = json.getBytes(StandardCharsets.ISO_8859_1);
        decoder.onMessage(b, 0, b.length, 1);
    }

    private static String depth(final String symbol, final String price, final String qty)
    {
        return "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"" + symbol + "\",\"U\":1,\"u\":2,\"b\":[[\"" + price + "\",\"" +
            qty + "\"]],\"a\":[]}";
    }

    private static String trade(final String symbol, final String price, final String qty)
    {
        return "{\"e\":\"trade\",\"E\":1,\"s\":\"" + symbol + "\",\"t\":7,\"p\":\"" + price + "\",\"q\":\"" + qty +
            "\",\"T\":1,\"m\":true,\"M\":true}";
    }

    @Test
    void junkSymbolsAreMalformedAndNeverInstruments()
    {
        final String[] junk = {"", "X".repeat(100_000), "btcusdt", "BTCUSDT}:x{", "BTC\u0001USDT", "BTC USDT",
            "BTCUSDT:ETH", "A".repeat(21), "\u00c9THUSDT"};
        for (final String s : junk)
        {
            feed(depth(s, "1.5", "2"));
            feed(trade(s, "1.5", "2"));
        }
        assertThat(registry.size()).as("no junk became an instrument").isZero();
        assertThat(events).isEmpty();
        assertThat(decoder.malformed(MalformedReason.BAD_SYMBOL)).isEqualTo(2L * junk.length);
        assertThat(registry.badSymbols()).isEqualTo(2L * junk.length);

        // The alphabet the venues use still passes, at its longest too.
        for (final String s : new String[] {"BTCUSDT", "BTCUSD_PERP", "BTCUSDT_250926", "1000SHIBUSDT", "A".repeat(20)})
        {
            feed(depth(s, "1.5", "2"));
        }
        assertThat(registry.size()).isEqualTo(5);
        assertThat(decoder.malformed(MalformedReason.BAD_SYMBOL)).isEqualTo(2L * junk.length);
    }

    @Test
    void onlyAllowListedSymbolsBecomeInstruments()
    {
        registry.allow(Venue.BINANCE_SPOT, "BTCUSDT");
        registry.allow(null, "ETHUSDT");
        feed(depth("BTCUSDT", "1.5", "2"));
        feed(depth("ETHUSDT", "1.5", "2"));
        for (int i = 0; i < 100; i++)
        {
            feed(depth("COIN" + i + "USDT", "1.5", "2"));
        }
        feed(trade("XRPUSDT", "0.5", "1"));
        assertThat(registry.all()).extracting(i -> i.symbol()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(decoder.unlisted()).isEqualTo(101);
        assertThat(decoder.malformedTotal()).as("a real symbol not asked for is not malformed").isZero();
        // USD-M BTCUSDT is not on the list (the item named spot), ETHUSDT is on every venue.
        feed("{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[]}");
        feed("{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"ETHUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[]}");
        assertThat(registry.find(Venue.BINANCE_USDM, "BTCUSDT")).isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_USDM, "ETHUSDT")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aFullRegistryIsCountedNotSilent()
    {
        final InstrumentRegistry small = new InstrumentRegistry(3);
        final BinanceDecoder d = new BinanceDecoder(small, (t, b, o, l) -> {});
        for (int i = 0; i < 10; i++)
        {
            final byte[] b = depth("S" + i + "USDT", "1", "1").getBytes(StandardCharsets.US_ASCII);
            d.onMessage(b, 0, b.length, 1);
        }
        assertThat(small.size()).isEqualTo(3);
        assertThat(d.malformed(MalformedReason.REGISTRY_FULL)).isEqualTo(7);
        assertThat(small.fullRejectCount()).isEqualTo(7);
    }

    @Test
    void lenientNumbersAreRejectedWithTheirReason()
    {
        final String[][] cases = {
            {"-0", "1"}, {"1.", "1"}, {".5", "1"}, {"1.5", "-2"}, {"1.5", "-0.0"}, {"01.5", "1"}, {"+1", "1"},
        };
        for (final String[] c : cases)
        {
            feed(depth("BTCUSDT", c[0], c[1]));
            feed(trade("BTCUSDT", c[0], c[1]));
            feed("{\"u\":5,\"s\":\"BTCUSDT\",\"b\":\"" + c[0] + "\",\"B\":\"" + c[1] + "\",\"a\":\"2\",\"A\":\"1\"}");
        }
        assertThat(events).as("nothing lenient reached the ring").isEmpty();
        assertThat(decoder.malformed(MalformedReason.BAD_NUMBER)).isEqualTo(3L * cases.length);
        final var p = decoder.numberParser();
        assertThat(p.rejectCount(ParseError.SIGNED)).isEqualTo(3L * 4);
        assertThat(p.rejectCount(ParseError.BARE_POINT)).isEqualTo(3L * 2);
        assertThat(p.rejectCount(ParseError.LEADING_ZERO)).isEqualTo(3L);

        // What Binance sends still parses.
        feed(depth("BTCUSDT", "61737.63000000", "0.00000000"));
        feed(depth("BTCUSDT", "0.00001234", "1001"));
        feed(trade("BTCUSDT", "0.5", "10"));
        assertThat(events).containsExactly(EventType.DEPTH, EventType.DEPTH, EventType.TRADE);
    }

    private static final String SNAPSHOT = "{\"lastUpdateId\":11,\"bids\":[[\"100.4\",\"3\"]],\"asks\":[[\"101\"," +
        "\"1\"]]}";
    private static final String DIFF_10_12 = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":10,\"u\":12," +
        "\"b\":[[\"100.5\",\"1\"]],\"a\":[]}";
    private static final String DIFF_13_15 = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":13,\"u\":15," +
        "\"b\":[],\"a\":[[\"101\",\"2\"]]}";

    private PipelineResult replay(final String content) throws IOException
    {
        final Path f = dir.resolve("session-" + System.nanoTime() + ".txt");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return new StationPipeline(null, 0, true).run(List.of(f));
    }

    @Test
    void aByteOrderMarkBeforeTheSnapshotLineIsAccepted() throws IOException
    {
        // The snapshot is the first line: a symbol-less snapshot waits for the first diff.
        final PipelineResult r = replay("\uFEFF1 " + SNAPSHOT + "\n2 " + DIFF_10_12 + "\n3 " + DIFF_13_15 + "\n");
        assertThat(r.malformedTotal()).isZero();
        assertThat(r.symbols()).singleElement().satisfies(s ->
        {
            assertThat(s.state()).isEqualTo("LIVE");
            assertThat(s.lastUpdateId()).isEqualTo(15);
        });
        assertThat(r.clean()).as(r.problems().toString()).isTrue();
    }

    @Test
    void aBookThatNeverGoesLiveMakesTheRunUnclean() throws IOException
    {
        // No snapshot at all.
        final PipelineResult none = replay("1 " + DIFF_10_12 + "\n2 " + DIFF_13_15 + "\n");
        assertThat(none.symbols()).singleElement().extracting(SymbolReport::state).isEqualTo("AWAITING_SNAPSHOT");
        assertThat(none.malformedTotal()).isZero();
        assertThat(none.clean()).isFalse();
        assertThat(none.problems()).singleElement().asString()
            .contains("binance-spot:BTCUSDT ended AWAITING_SNAPSHOT", "no depth snapshot");
        assertThat(none.toJson()).contains("\"state\":\"AWAITING_SNAPSHOT\"", "\"clean\":false", "\"notLiveReason\":");

        // The one diff that bridges the snapshot is lost: the book holds its snapshot and waits.
        final PipelineResult unbridged = replay("1 " + SNAPSHOT + "\n2 " +
            DIFF_13_15.replace("\"U\":13", "\"U\":14").replace("\"u\":15", "\"u\":16") + "\n");
        assertThat(unbridged.clean()).isFalse();
        assertThat(unbridged.problems()).anySatisfy(p -> assertThat(p).contains("BTCUSDT ended"));

        // The same session with its bridging diff is clean, and says every book is LIVE.
        final PipelineResult good = replay("1 " + DIFF_10_12 + "\n2 " + SNAPSHOT + "\n3 " + DIFF_13_15 + "\n");
        assertThat(good.clean()).as(good.problems().toString()).isTrue();
        assertThat(good.symbols()).allMatch(SymbolReport::live);

        // Nothing decodable at all is not clean either.
        assertThat(replay("1 {\"result\":null,\"id\":1}\n").problems()).singleElement().asString()
            .contains("no instrument");
    }

    @Test
    void theSecondHalfOfTheRealSpotSessionAloneNeverGoesLive()
    {
        final List<Path> files = Captures.session(List.of("spot_btcusdt_20240809.gz"));
        Assumptions.assumeTrue(files != null, "real captures not found under " + Captures.dataDir() +
            ": skipping the real-capture check");
        final PipelineResult r = new StationPipeline(null, 0, true).run(files);
        assertThat(r.symbols()).isNotEmpty().allSatisfy(s -> assertThat(s.live()).isFalse());
        assertThat(r.clean()).isFalse();
        assertThat(r.problems())
            .anySatisfy(p -> assertThat(p).contains("binance-spot:BTCUSDT ended AWAITING_SNAPSHOT"));
    }
}
