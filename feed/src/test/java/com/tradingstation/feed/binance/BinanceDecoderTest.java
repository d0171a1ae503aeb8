package com.tradingstation.feed.binance;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static com.tradingstation.core.event.EventLayout.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BinanceDecoderTest
{
    private static final String SPOT_DEPTH =
        "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161255208,\"s\":\"BTCUSDT\"," +
        "\"U\":50093239189,\"u\":50093239202,\"b\":[[\"61737.63000000\",\"0.00000000\"],[\"61730.17000000\",\"1.5\"]]" +
        ",\"a\":[[\"61837.64000000\",\"1.54698000\"]]}}";
    private static final String USDM_DEPTH =
        "{\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161256299,\"T\":1723161256298," +
        "\"s\":\"BTCUSDT\",\"U\":5123107832006,\"u\":5123107837557,\"pu\":5123107831937," +
        "\"b\":[[\"58710.20\",\"0.014\"]],\"a\":[]}}";
    private static final String COINM_DEPTH =
        "{\"stream\":\"btcusd_perp@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161257440," +
        "\"T\":1723161257432," +
        "\"s\":\"BTCUSD_PERP\",\"ps\":\"BTCUSD\",\"U\":1007198631260,\"u\":1007198631565,\"pu\":1007198631198," +
        "\"b\":[[\"61773.6\",\"1001\"]],\"a\":[[\"61805.0\",\"3\"],[\"61806.0\",\"0\"]]}}";
    private static final String SPOT_TICKER =
        "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\"," +
        "\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}}";
    private static final String USDM_TICKER =
        "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":5123107839020,\"s\":\"BTCUSDT\"," +
        "\"b\":\"61800.20\",\"B\":\"2.507\",\"a\":\"61800.30\",\"A\":\"2.510\",\"T\":1723161256313," +
        "\"E\":1723161256313}}";
    private static final String SPOT_TRADE =
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\"," +
        "\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342,\"m\":true,\"M\":true}}";
    private static final String COINM_TRADE =
        "{\"stream\":\"btcusd_perp@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161257687,\"T\":1723161257679," +
        "\"s\":\"BTCUSD_PERP\",\"t\":849714402,\"p\":\"61804.8\",\"q\":\"4\",\"X\":\"MARKET\",\"m\":false}}";
    private static final String AGG_TRADE =
        "{\"e\":\"aggTrade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"a\":26129,\"p\":\"0.01633102\",\"q\":\"4.7\"," +
        "\"f\":100,\"l\":105,\"T\":1723161255342,\"m\":true,\"M\":true}";
    private static final String SPOT_SNAPSHOT =
        "{\"lastUpdateId\":50093239218,\"bids\":[[\"61837.63000000\",\"3.78826000\"]],\"asks\":[[\"61837.64000000\"," +
        "\"1.5\"]]}";

    private final InstrumentRegistry registry = new InstrumentRegistry();
    private final List<Captured> events = new ArrayList<>();
    private final BinanceDecoder decoder = new BinanceDecoder(registry, this::capture);

    record Captured(int type, byte[] bytes)
    {
        long longAt(final int offset)
        {
            return org.agrona.BitUtil.SIZE_OF_LONG > 0 ? new org.agrona.concurrent.UnsafeBuffer(bytes).getLong(offset)
                : 0;
        }

        int intAt(final int offset)
        {
            return new org.agrona.concurrent.UnsafeBuffer(bytes).getInt(offset);
        }
    }

    private void capture(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        events.add(new Captured(type, copy));
    }

    private void feed(final String json)
    {
        final byte[] b = json.getBytes(StandardCharsets.US_ASCII);
        decoder.onMessage(b, 0, b.length, 123L);
    }

    private Instrument instrument(final Captured e)
    {
        return registry.get(e.intAt(INSTRUMENT_ID));
    }

    @Test
    void spotDepthDecodesToFixedPoint()
    {
        feed(SPOT_DEPTH);
        assertThat(events).hasSize(1);
        final Captured e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.DEPTH);
        assertThat(instrument(e).venue()).isEqualTo(Venue.BINANCE_SPOT);
        assertThat(instrument(e).symbol()).isEqualTo("BTCUSDT");
        assertThat(e.intAt(DEPTH_BID_COUNT)).isEqualTo(2);
        assertThat(e.intAt(DEPTH_ASK_COUNT)).isEqualTo(1);
        assertThat(e.longAt(DEPTH_FIRST_ID)).isEqualTo(50093239189L);
        assertThat(e.longAt(DEPTH_LAST_ID)).isEqualTo(50093239202L);
        assertThat(e.longAt(DEPTH_PREV_ID)).isEqualTo(-1);
        assertThat(e.longAt(DEPTH_EVENT_TIME_MS)).isEqualTo(1723161255208L);
        assertThat(e.longAt(DEPTH_RECEIVE_TIME_NS)).isEqualTo(123L);
        assertThat(e.longAt(DEPTH_LEVELS)).isEqualTo(6173763000000L);
        assertThat(e.longAt(DEPTH_LEVELS + 8)).isZero();
        assertThat(e.longAt(DEPTH_LEVELS + 16)).isEqualTo(6173017000000L);
        assertThat(e.longAt(DEPTH_LEVELS + 24)).isEqualTo(150000000L);
        assertThat(e.longAt(DEPTH_LEVELS + 32)).isEqualTo(6183764000000L);
        assertThat(e.bytes()).hasSize(EventLayout.depthLength(2, 1));
        assertThat(decoder.malformedTotal()).isZero();
    }

    @Test
    void venueIsInferredFromTheFieldVariants()
    {
        feed(USDM_DEPTH);
        feed(COINM_DEPTH);
        feed(SPOT_TICKER);
        feed(USDM_TICKER);
        feed(SPOT_TRADE);
        feed(COINM_TRADE);
        assertThat(events).extracting(e -> instrument(e).venue()).containsExactly(
            Venue.BINANCE_USDM, Venue.BINANCE_COINM, Venue.BINANCE_SPOT, Venue.BINANCE_USDM,
            Venue.BINANCE_SPOT, Venue.BINANCE_COINM);
        assertThat(events.get(0).longAt(DEPTH_PREV_ID)).isEqualTo(5123107831937L);
        assertThat(events.get(1).longAt(DEPTH_LEVELS + 8)).isEqualTo(1001_00000000L);
        // BTCUSDT on spot and on USD-M are two instruments.
        assertThat(registry.find(Venue.BINANCE_SPOT, "BTCUSDT"))
            .isNotEqualTo(registry.find(Venue.BINANCE_USDM, "BTCUSDT"));
    }

    @Test
    void tickerAndTradesCarryTheirFields()
    {
        feed(SPOT_TICKER);
        feed(SPOT_TRADE);
        feed(AGG_TRADE);
        final Captured t = events.get(0);
        assertThat(t.type()).isEqualTo(EventType.BOOK_TICKER);
        assertThat(t.longAt(TICKER_UPDATE_ID)).isEqualTo(50093239212L);
        assertThat(t.longAt(TICKER_BID_PRICE)).isEqualTo(6183763000000L);
        assertThat(t.longAt(TICKER_BID_QTY)).isEqualTo(378826000L);
        assertThat(t.longAt(TICKER_ASK_PRICE)).isEqualTo(6183764000000L);
        assertThat(t.longAt(TICKER_ASK_QTY)).isEqualTo(154698000L);
        final Captured trade = events.get(1);
        assertThat(trade.type()).isEqualTo(EventType.TRADE);
        assertThat(trade.longAt(TRADE_ID)).isEqualTo(3735683259L);
        assertThat(trade.intAt(TRADE_FLAGS)).isEqualTo(TRADE_FLAG_BUYER_MAKER);
        assertThat(trade.longAt(TRADE_TIME_MS)).isEqualTo(1723161255342L);
        final Captured agg = events.get(2);
        assertThat(agg.longAt(TRADE_ID)).isEqualTo(26129L);
        assertThat(agg.intAt(TRADE_FLAGS)).isEqualTo(TRADE_FLAG_BUYER_MAKER | TRADE_FLAG_AGGREGATED);
        assertThat(agg.longAt(TRADE_PRICE)).isEqualTo(1633102L);
    }

    @Test
    void symbolLessSnapshotBelongsToTheVenuesLatestDepthInstrument()
    {
        feed(SPOT_DEPTH);
        feed(SPOT_SNAPSHOT);
        assertThat(events).extracting(Captured::type).containsExactly(EventType.DEPTH, EventType.SNAPSHOT);
        assertThat(events.get(1).intAt(INSTRUMENT_ID)).isEqualTo(events.get(0).intAt(INSTRUMENT_ID));
        assertThat(events.get(1).longAt(DEPTH_FIRST_ID)).isEqualTo(50093239218L);
        assertThat(events.get(1).longAt(DEPTH_LAST_ID)).isEqualTo(50093239218L);
    }

    @Test
    void snapshotBeforeAnyDiffWaitsForTheFirstDiff()
    {
        feed(SPOT_SNAPSHOT);
        assertThat(events).isEmpty();
        assertThat(decoder.deferredSnapshots()).isEqualTo(1);
        feed(SPOT_DEPTH);
        assertThat(events).extracting(Captured::type).containsExactly(EventType.DEPTH, EventType.SNAPSHOT);
        assertThat(decoder.messages()).isEqualTo(2);
    }

    @Test
    void coinmSnapshotNamesItsSymbol()
    {
        feed("{\"lastUpdateId\":1007198635033,\"E\":1723161257835,\"T\":1723161257823,\"symbol\":\"BTCUSD_PERP\"," +
            "\"pair\":\"BTCUSD\",\"bids\":[[\"61804.7\",\"35\"]],\"asks\":[[\"61804.8\",\"2\"]]}");
        assertThat(events).hasSize(1);
        assertThat(instrument(events.get(0)).venue()).isEqualTo(Venue.BINANCE_COINM);
        assertThat(instrument(events.get(0)).symbol()).isEqualTo("BTCUSD_PERP");
    }

    @Test
    void malformedInputIsCountedNeverThrown()
    {
        final String[] bad = {
            "",
            "not json",
            "{",
            SPOT_DEPTH.substring(0, SPOT_DEPTH.length() / 2), // truncated
            SPOT_DEPTH + "garbage",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"1.x\"," +
                "\"1\"]],\"a\":[]}}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"1.123456789\",\"1\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"99999999999999\",\"1\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"\",\"1\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"-5\",\"1\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"b\":[],\"a\":[]}", // no u
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":\"x\",\"u\":2,\"b\":[],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1.5,\"u\":2,\"b\":[],\"a\":[]}",
            "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\"}", // no trade id
            "{\"e\":\"bookTicker\",\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\"}", // no ask
            "[1,2,3]",
            "{\"data\":{\"e\":\"depthUpdate\",\"b\":[[[[[[[[",
            "\u0000\u0001\u0002",
        };
        for (final String s : bad)
        {
            assertThatCode(() -> feed(s)).as(s).doesNotThrowAnyException();
        }
        assertThat(events).isEmpty();
        assertThat(decoder.messages()).isEqualTo(bad.length);
        assertThat(decoder.malformedTotal()).isEqualTo(bad.length);
        assertThat(decoder.malformed(MalformedReason.BAD_NUMBER)).isEqualTo(5);
        assertThat(decoder.malformed(MalformedReason.MISSING_FIELD)).isEqualTo(3);
        assertThat(decoder.numberParser().totalRejects()).isEqualTo(5); // "-5" too: venue numbers carry no sign
        // The decoder keeps working after all of that.
        feed(SPOT_DEPTH);
        assertThat(events).hasSize(1);
    }

    @Test
    void unknownEventsAndFieldsAreCountedSkips()
    {
        feed("{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":1}}}");
        feed("{\"result\":null,\"id\":1}");
        feed(SPOT_DEPTH.replace("\"E\":", "\"newField\":{\"nested\":[1,2,{\"x\":\"]\"}]},\"E\":"));
        assertThat(decoder.unknownEventCount()).isEqualTo(2);
        assertThat(decoder.unknownFieldCount()).isEqualTo(4); // k, result, id, newField
        assertThat(decoder.malformedTotal()).isZero();
        assertThat(events).hasSize(1);
    }

    @Test
    void tooManyLevelsIsRejected()
    {
        final BinanceDecoder small = new BinanceDecoder(registry, this::capture, null, 2);
        final byte[] b = SPOT_DEPTH.replace("\"b\":[", "\"b\":[[\"1\",\"1\"],").getBytes(StandardCharsets.US_ASCII);
        small.onMessage(b, 0, b.length, 0);
        assertThat(small.malformed(MalformedReason.TOO_MANY_LEVELS)).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void registryFullIsCounted()
    {
        final BinanceDecoder tiny = new BinanceDecoder(new InstrumentRegistry(1), this::capture);
        final byte[] a = SPOT_DEPTH.getBytes(StandardCharsets.US_ASCII);
        final byte[] b = SPOT_DEPTH.replace("BTCUSDT", "ETHUSDT").getBytes(StandardCharsets.US_ASCII);
        tiny.onMessage(a, 0, a.length, 0);
        tiny.onMessage(b, 0, b.length, 0);
        assertThat(events).hasSize(1);
        assertThat(tiny.malformed(MalformedReason.REGISTRY_FULL)).isEqualTo(1);
    }

    /**
     * Every truncation point of a real depth message, and every byte value written at it: all
     * 256 &times; length + 1 mutations there are, each through a fresh decoder, the truncated
     * message first.
     */
    @Test
    void anyTruncationOrByteFlipIsContained()
    {
        final byte[] src = SPOT_DEPTH.getBytes(StandardCharsets.US_ASCII);
        for (int len = 0; len <= src.length; len++)
        {
            for (int flip = 0; flip <= 255; flip++)
            {
                if (len == src.length && flip > 0)
                {
                    break; // nothing left to flip: the whole message, once
                }
                final byte[] mutated = src.clone();
                if (len < src.length)
                {
                    mutated[len] = (byte)flip;
                }
                final int cut = len;
                final InstrumentRegistry r = new InstrumentRegistry();
                final BinanceDecoder d = new BinanceDecoder(r, (t, buf, o, l) -> {});
                assertThatCode(() ->
                {
                    d.onMessage(src, 0, cut, 0);
                    d.onMessage(mutated, 0, mutated.length, 0);
                }).as("cut at %d, byte %d there", len, flip).doesNotThrowAnyException();
                assertThat(d.malformed(MalformedReason.INTERNAL)).as("cut at %d, byte %d there", len, flip).isZero();
                assertThat(d.messages()).isEqualTo(2);
            }
        }
    }
}
