package com.tradingstation.feed.binance;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.fixedpoint.FixedPointParser;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.feed.json.JsonCursor;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static com.tradingstation.core.event.EventLayout.*;

/**
 * Writes the events of a parsed {@link BinanceMessage} in the ring layout ({@link EventLayout}) and
 * hands them to the sink: depth diffs and snapshots (levels parsed into place), bookTickers and
 * trades. Numbers that do not parse for the instrument's scales make the message malformed.
 * <p>
 * Threading: the decoding thread only. Allocation: none after construction.
 */
final class EventEncoder
{
    private final BinanceMessage m;
    private final InstrumentRegistry registry;
    private final EventSink sink;
    private final JsonCursor cursor;
    private final FixedPointParser parser;
    private final LevelParser levels;
    private final MalformedCounts malformed;
    private final AtomicBuffer event;

    /**
     * @param parts the decoder's message, instruments (their scales), cursor, fixed-point parser,
     *              bound of levels per side, and the counters of bad numbers and bad level arrays.
     * @param sink  receives the events.
     */
    EventEncoder(final DecoderParts parts, final EventSink sink)
    {
        this.m = parts.message();
        this.registry = parts.registry();
        this.sink = sink;
        this.cursor = parts.cursor();
        this.parser = parts.parser();
        this.levels = new LevelParser(parts);
        this.malformed = parts.malformed();
        this.event = new UnsafeBuffer(new byte[EventLayout.depthLength(parts.maxLevels(), parts.maxLevels())]);
    }

    /**
     * Parse the bids of a diff whose instrument is known ({@link BinanceMessage#directId}) while the
     * object is being read, leaving the cursor after them.
     */
    void directBids()
    {
        m.bidResult = parseNow(m.bidsPos, DEPTH_LEVELS);
        m.bidsDirect = true;
    }

    /**
     * Parse the asks after bids parsed by {@link #directBids()}, leaving the cursor after them.
     */
    void directAsks()
    {
        m.askResult = parseNow(m.asksPos, DEPTH_LEVELS + m.bidResult * LEVEL_LENGTH);
        m.asksDirect = true;
    }

    /**
     * Write a depth event (a diff or a snapshot) of the message's level arrays.
     *
     * @param id            its instrument.
     * @param firstId       first update id.
     * @param lastId        last update id.
     * @param prevId        previous final update id, or -1.
     * @param receiveTimeNs local receive time.
     * @param type          {@link EventType#DEPTH} or {@link EventType#SNAPSHOT}.
     * @return false when a level array is malformed (counted).
     */
    boolean book(
        final int id, final long firstId, final long lastId, final long prevId, final long receiveTimeNs,
        final int type)
    {
        final Instrument instrument = registry.get(id);
        final boolean direct = m.bidsDirect && m.directId == id;
        final int bidCount = direct ? m.bidResult : levels.parse(m.bidsPos, instrument, event, DEPTH_LEVELS);
        if (bidCount < 0)
        {
            return levelsFailed(bidCount, id);
        }
        final int askCount = direct && m.asksDirect ? m.askResult :
            levels.parse(m.asksPos, instrument, event, DEPTH_LEVELS + bidCount * LEVEL_LENGTH);
        if (askCount < 0)
        {
            return levelsFailed(askCount, id);
        }
        EventLayout.putDepthHeader(event, 0, id, bidCount, askCount, firstId, lastId, prevId,
            m.eventTimeMs.valueOrZero(), receiveTimeNs);
        sink.onEvent(type, event, 0, EventLayout.depthLength(bidCount, askCount));
        return true;
    }

    /**
     * Write a bookTicker event.
     *
     * @param buffer        the message bytes.
     * @param id            its instrument.
     * @param receiveTimeNs local receive time.
     */
    void bookTicker(final byte[] buffer, final int id, final long receiveTimeNs)
    {
        final Instrument instrument = registry.get(id);
        final long bidPrice = number(buffer, m.bidPrice, instrument.priceScale());
        final long bidQty = number(buffer, m.bidQty, instrument.qtyScale());
        final long askPrice = number(buffer, m.askPrice, instrument.priceScale());
        final long askQty = number(buffer, m.askQty, instrument.qtyScale());
        if (bidPrice < 0 || bidQty < 0 || askPrice < 0 || askQty < 0 || bidPrice > L2Book.MAX_PRICE ||
            askPrice > L2Book.MAX_PRICE)
        {
            malformed.record(MalformedReason.BAD_NUMBER, id);
            return;
        }
        final AtomicBuffer out = event;
        out.putInt(INSTRUMENT_ID, id);
        out.putInt(4, 0);
        out.putLong(TICKER_UPDATE_ID, m.lastId.value);
        out.putLong(TICKER_BID_PRICE, bidPrice);
        out.putLong(TICKER_BID_QTY, bidQty);
        out.putLong(TICKER_ASK_PRICE, askPrice);
        out.putLong(TICKER_ASK_QTY, askQty);
        out.putLong(TICKER_EVENT_TIME_MS, m.eventTimeMs.valueOrZero());
        out.putLong(TICKER_RECEIVE_TIME_NS, receiveTimeNs);
        sink.onEvent(EventType.BOOK_TICKER, out, 0, TICKER_LENGTH);
    }

    /**
     * Write a trade event.
     *
     * @param buffer        the message bytes.
     * @param id            its instrument.
     * @param receiveTimeNs local receive time.
     * @param aggregated    an aggTrade.
     */
    void trade(final byte[] buffer, final int id, final long receiveTimeNs, final boolean aggregated)
    {
        final Instrument instrument = registry.get(id);
        final long price = number(buffer, m.price, instrument.priceScale());
        final long qty = number(buffer, m.qty, instrument.qtyScale());
        if (price < 0 || qty < 0)
        {
            malformed.record(MalformedReason.BAD_NUMBER, id);
            return;
        }
        final AtomicBuffer out = event;
        out.putInt(INSTRUMENT_ID, id);
        out.putInt(TRADE_FLAGS, (m.buyerMaker ? TRADE_FLAG_BUYER_MAKER : 0) | (aggregated ? TRADE_FLAG_AGGREGATED : 0));
        out.putLong(TRADE_ID, m.tradeId.value);
        out.putLong(TRADE_PRICE, price);
        out.putLong(TRADE_QTY, qty);
        out.putLong(TRADE_TIME_MS, m.transactTimeMs.valueOrZero());
        out.putLong(TRADE_EVENT_TIME_MS, m.eventTimeMs.valueOrZero());
        out.putLong(TRADE_RECEIVE_TIME_NS, receiveTimeNs);
        sink.onEvent(EventType.TRADE, out, 0, TRADE_LENGTH);
    }

    private long number(final byte[] buffer, final BinanceMessage.Span span, final int scale)
    {
        return parser.parseUnsigned(buffer, span.start, span.end, scale);
    }

    private int parseNow(final int position, final int targetOffset)
    {
        final int result = levels.parse(position, registry.get(m.directId), event, targetOffset);
        if (result < 0)
        {
            cursor.position(position);
            cursor.skipValue();
        }
        return result;
    }

    private boolean levelsFailed(final int code, final int id)
    {
        malformed.record(LevelParser.reason(code), id);
        return false;
    }
}
