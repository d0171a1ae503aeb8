package com.tradingstation.core.event;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Byte layouts of the events decoders put on the ring (native byte order, in-process only).
 * <pre>
 * DEPTH / SNAPSHOT                         BOOK_TICKER                 TRADE
 *  0 int  instrumentId                      0 int  instrumentId         0 int  instrumentId
 *  4 int  bidCount                          8 long updateId             4 int  flags (1 = buyer is maker, 2 = aggTrade)
 *  8 int  askCount                         16 long bidPrice             8 long tradeId
 * 12 int  flags (reserved)                 24 long bidQty              16 long price
 * 16 long firstUpdateId (U)                32 long askPrice            24 long qty
 * 24 long lastUpdateId (u)                 40 long askQty              32 long tradeTimeMs
 * 32 long prevUpdateId (pu, -1 if none)    48 long eventTimeMs         40 long eventTimeMs
 * 40 long eventTimeMs                      56 long receiveTimeNs       48 long receiveTimeNs
 * 48 long receiveTimeNs                    64 = length                 56 = length
 * 56 levels: bidCount then askCount x (long price, long qty)
 * </pre>
 * A snapshot carries its {@code lastUpdateId} in both U and u.
 */
public final class EventLayout
{
    /** Offset of the instrument id, common to every event. */
    public static final int INSTRUMENT_ID = 0;

    /** Depth: bid level count. */
    public static final int DEPTH_BID_COUNT = 4;
    /** Depth: ask level count. */
    public static final int DEPTH_ASK_COUNT = 8;
    /** Depth: flags. */
    public static final int DEPTH_FLAGS = 12;
    /** Depth: U. */
    public static final int DEPTH_FIRST_ID = 16;
    /** Depth: u. */
    public static final int DEPTH_LAST_ID = 24;
    /** Depth: pu. */
    public static final int DEPTH_PREV_ID = 32;
    /** Depth: event time. */
    public static final int DEPTH_EVENT_TIME_MS = 40;
    /** Depth: receive time. */
    public static final int DEPTH_RECEIVE_TIME_NS = 48;
    /** Depth: first level. */
    public static final int DEPTH_LEVELS = 56;
    /** Bytes per level. */
    public static final int LEVEL_LENGTH = 16;

    /** Ticker: update id. */
    public static final int TICKER_UPDATE_ID = 8;
    /** Ticker: bid price. */
    public static final int TICKER_BID_PRICE = 16;
    /** Ticker: bid quantity. */
    public static final int TICKER_BID_QTY = 24;
    /** Ticker: ask price. */
    public static final int TICKER_ASK_PRICE = 32;
    /** Ticker: ask quantity. */
    public static final int TICKER_ASK_QTY = 40;
    /** Ticker: event time. */
    public static final int TICKER_EVENT_TIME_MS = 48;
    /** Ticker: receive time. */
    public static final int TICKER_RECEIVE_TIME_NS = 56;
    /** Ticker length. */
    public static final int TICKER_LENGTH = 64;

    /** Trade: flags. */
    public static final int TRADE_FLAGS = 4;
    /** Trade: id. */
    public static final int TRADE_ID = 8;
    /** Trade: price. */
    public static final int TRADE_PRICE = 16;
    /** Trade: quantity. */
    public static final int TRADE_QTY = 24;
    /** Trade: trade time. */
    public static final int TRADE_TIME_MS = 32;
    /** Trade: event time. */
    public static final int TRADE_EVENT_TIME_MS = 40;
    /** Trade: receive time. */
    public static final int TRADE_RECEIVE_TIME_NS = 48;
    /** Trade length. */
    public static final int TRADE_LENGTH = 56;

    /** Trade flag: the buyer was the maker (the aggressor sold). */
    public static final int TRADE_FLAG_BUYER_MAKER = 1;
    /** Trade flag: an aggregated trade. */
    public static final int TRADE_FLAG_AGGREGATED = 2;

    private EventLayout()
    {
    }

    /**
     * @param bidCount bid levels.
     * @param askCount ask levels.
     * @return the length of a depth event with that many levels.
     */
    public static int depthLength(final int bidCount, final int askCount)
    {
        return DEPTH_LEVELS + (bidCount + askCount) * LEVEL_LENGTH;
    }

    /**
     * Write a depth header (levels are written by the caller at {@link #DEPTH_LEVELS}).
     *
     * @param buffer        destination.
     * @param offset        event start.
     * @param instrumentId  instrument.
     * @param bidCount      bid levels.
     * @param askCount      ask levels.
     * @param firstId       U.
     * @param lastId        u.
     * @param prevId        pu or -1.
     * @param eventTimeMs   venue event time.
     * @param receiveTimeNs local receive time.
     */
    public static void putDepthHeader(
        final MutableDirectBuffer buffer, final int offset, final int instrumentId, final int bidCount,
        final int askCount, final long firstId, final long lastId, final long prevId, final long eventTimeMs,
        final long receiveTimeNs)
    {
        buffer.putInt(offset + INSTRUMENT_ID, instrumentId);
        buffer.putInt(offset + DEPTH_BID_COUNT, bidCount);
        buffer.putInt(offset + DEPTH_ASK_COUNT, askCount);
        buffer.putInt(offset + DEPTH_FLAGS, 0);
        buffer.putLong(offset + DEPTH_FIRST_ID, firstId);
        buffer.putLong(offset + DEPTH_LAST_ID, lastId);
        buffer.putLong(offset + DEPTH_PREV_ID, prevId);
        buffer.putLong(offset + DEPTH_EVENT_TIME_MS, eventTimeMs);
        buffer.putLong(offset + DEPTH_RECEIVE_TIME_NS, receiveTimeNs);
    }

    /**
     * @param buffer source.
     * @param offset event start.
     * @return the instrument id of any event.
     */
    public static int instrumentId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + INSTRUMENT_ID);
    }
}
