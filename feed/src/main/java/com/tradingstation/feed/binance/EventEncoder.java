package com.tradingstation.feed.binance;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.ClaimingEventSink;
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
 * When the sink can lend space ({@link ClaimingEventSink}), an event whose length is known before it
 * is written is written in place: bookTickers and trades always, and a diff read in one pass whose
 * level arrays have the exact Binance shape {@code "b":[..],"a":[..]}, counted first. Other depth
 * events (snapshots, a diff of a new instrument) are written into a scratch buffer and copied.
 * A claim left open by a message that turns out malformed is aborted by {@link #abortClaim()}.
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
    private final ClaimingEventSink claiming;
    private AtomicBuffer target;
    private int claimIndex = -1;

    /**
     * @param message   the message being decoded.
     * @param registry  instruments (their scales).
     * @param sink      receives the events.
     * @param cursor    the cursor over the message.
     * @param parser    fixed-point parser.
     * @param maxLevels bound of levels per side.
     * @param malformed where bad numbers and bad level arrays are counted.
     */
    EventEncoder(
        final BinanceMessage message,
        final InstrumentRegistry registry,
        final EventSink sink,
        final JsonCursor cursor,
        final FixedPointParser parser,
        final int maxLevels,
        final MalformedCounts malformed)
    {
        this.m = message;
        this.registry = registry;
        this.sink = sink;
        this.cursor = cursor;
        this.parser = parser;
        this.levels = new LevelParser(cursor, parser, maxLevels);
        this.malformed = malformed;
        this.event = new UnsafeBuffer(new byte[EventLayout.depthLength(maxLevels, maxLevels)]);
        this.claiming = sink instanceof ClaimingEventSink ? (ClaimingEventSink)sink : null;
        this.target = event;
    }

    /**
     * Parse the bids of a diff whose instrument is known ({@link BinanceMessage#directId}) while the
     * object is being read, leaving the cursor after them.
     */
    void directBids()
    {
        if (claiming == null || !claimDirect())
        {
            m.bidResult = parseNow(m.bidsPos, DEPTH_LEVELS);
            m.bidsDirect = true;
        }
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
        if (direct && claimIndex >= 0)
        {
            EventLayout.putDepthHeader(target, claimIndex, id, m.bidResult, m.askResult, firstId, lastId, prevId,
                m.eventTimeMs.valueOrZero(), receiveTimeNs);
            publish(type, EventLayout.depthLength(m.bidResult, m.askResult));
            return true;
        }
        abortClaim();
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
        publish(type, EventLayout.depthLength(bidCount, askCount));
        return true;
    }

    /**
     * Give back the space claimed for a diff that was not written after all (the message turned out
     * malformed or of another instrument). Nothing when no claim is open.
     */
    void abortClaim()
    {
        if (claimIndex >= 0)
        {
            claiming.abort(claimIndex);
            claimIndex = -1;
        }
        target = event;
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
        final int at = begin(EventType.BOOK_TICKER, TICKER_LENGTH);
        final AtomicBuffer out = target;
        out.putInt(at + INSTRUMENT_ID, id);
        out.putInt(at + 4, 0);
        out.putLong(at + TICKER_UPDATE_ID, m.lastId.value);
        out.putLong(at + TICKER_BID_PRICE, bidPrice);
        out.putLong(at + TICKER_BID_QTY, bidQty);
        out.putLong(at + TICKER_ASK_PRICE, askPrice);
        out.putLong(at + TICKER_ASK_QTY, askQty);
        out.putLong(at + TICKER_EVENT_TIME_MS, m.eventTimeMs.valueOrZero());
        out.putLong(at + TICKER_RECEIVE_TIME_NS, receiveTimeNs);
        publish(EventType.BOOK_TICKER, TICKER_LENGTH);
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
        final int at = begin(EventType.TRADE, TRADE_LENGTH);
        final AtomicBuffer out = target;
        out.putInt(at + INSTRUMENT_ID, id);
        out.putInt(at + TRADE_FLAGS,
            (m.buyerMaker ? TRADE_FLAG_BUYER_MAKER : 0) | (aggregated ? TRADE_FLAG_AGGREGATED : 0));
        out.putLong(at + TRADE_ID, m.tradeId.value);
        out.putLong(at + TRADE_PRICE, price);
        out.putLong(at + TRADE_QTY, qty);
        out.putLong(at + TRADE_TIME_MS, m.transactTimeMs.valueOrZero());
        out.putLong(at + TRADE_EVENT_TIME_MS, m.eventTimeMs.valueOrZero());
        out.putLong(at + TRADE_RECEIVE_TIME_NS, receiveTimeNs);
        publish(EventType.TRADE, TRADE_LENGTH);
    }

    /**
     * Claim-mode single pass at a diff's bids: count both arrays, claim the event's exact length and
     * parse both into it, leaving the cursor after the asks.
     *
     * @return false when the arrays are not of the exact shape or cannot be claimed (nothing read).
     */
    private boolean claimDirect()
    {
        final int bidsPos = m.bidsPos;
        final int bidCount = levels.count(bidsPos);
        final int asksPos = bidCount < 0 ? -1 : asksAfter(levels.countEnd());
        final int askCount = asksPos < 0 ? -1 : levels.count(asksPos);
        if (askCount < 0)
        {
            return false;
        }
        final int index = claiming.claim(EventType.DEPTH, EventLayout.depthLength(bidCount, askCount));
        if (index < 0)
        {
            return false;
        }
        final AtomicBuffer out = claiming.claimBuffer();
        final Instrument instrument = registry.get(m.directId);
        final int bids = levels.parse(bidsPos, instrument, out, index + DEPTH_LEVELS);
        final int asks = bids != bidCount ? LevelParser.SYNTAX :
            levels.parse(asksPos, instrument, out, index + DEPTH_LEVELS + bidCount * LEVEL_LENGTH);
        if (bids >= 0 && asks == askCount)
        {
            claimIndex = index;
            target = out;
        }
        else
        {
            claiming.abort(index);
            if (bids >= 0 && (bids != bidCount || asks >= 0))
            {
                cursor.position(bidsPos);
                return false; // counted differently from parsed: read again the ordinary way
            }
            cursor.position(bids < 0 ? bidsPos : asksPos);
            cursor.skipValue();
        }
        m.bidResult = bids;
        m.bidsDirect = true;
        if (bids >= 0)
        {
            m.asksPos = asksPos;
            m.askResult = asks;
            m.asksDirect = true;
        }
        return true;
    }

    /**
     * @param position just after a bids array.
     * @return the start of the asks array when {@code ,"a":[} follows at once, else -1.
     */
    private int asksAfter(final int position)
    {
        final byte[] b = cursor.buffer();
        final int i = position;
        return i + 5 < cursor.limit() && b[i] == ',' && b[i + 1] == '"' && b[i + 2] == 'a' && b[i + 3] == '"' &&
            b[i + 4] == ':' && b[i + 5] == '[' ? i + 5 : -1;
    }

    /**
     * @return where the event's bytes go: in claimed space when the sink lends it, else the scratch
     * buffer; either way in {@link #target}.
     */
    private int begin(final int type, final int length)
    {
        if (claiming != null)
        {
            final int index = claiming.claim(type, length);
            if (index >= 0)
            {
                claimIndex = index;
                target = claiming.claimBuffer();
                return index;
            }
        }
        target = event;
        return 0;
    }

    private void publish(final int type, final int length)
    {
        if (claimIndex >= 0)
        {
            claiming.commit(claimIndex);
            claimIndex = -1;
            target = event;
        }
        else
        {
            sink.onEvent(type, event, 0, length);
        }
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
