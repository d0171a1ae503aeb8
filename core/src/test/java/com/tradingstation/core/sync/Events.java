package com.tradingstation.core.sync;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import org.agrona.ExpandableArrayBuffer;

import static com.tradingstation.core.event.EventLayout.*;

/**
 * Builders of ring events (layouts of {@link EventLayout}) for sequencing tests. Each event owns
 * its buffer, so a test can build a stream up front and deliver it in any order, or twice.
 */
final class Events
{
    private Events()
    {
    }

    /** One encoded event: its {@link EventType}, bytes at {@code [offset, offset + length)}. */
    record Event(int type, ExpandableArrayBuffer buffer, int offset, int length)
    {
        /** Deliver through the engine, as the ring would. */
        Event to(final BookEngine engine)
        {
            engine.onMessage(type, buffer, offset, length);
            return this;
        }

        /** Deliver straight to one instrument's book. */
        Event to(final InstrumentBook book)
        {
            book.onEvent(type, buffer, offset, length);
            return this;
        }

        /** The same event copied to {@code newOffset} of a fresh buffer whose other bytes are garbage. */
        Event at(final int newOffset)
        {
            final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(newOffset + length + 64);
            copy.setMemory(0, copy.capacity(), (byte)0x5A);
            copy.putBytes(newOffset, buffer, offset, length);
            return new Event(type, copy, newOffset, length);
        }
    }

    /**
     * Levels as flat pairs: {@code levels(100, 5, 99, 3)} is price 100 qty 5, then price 99 qty 3.
     *
     * @param priceQtyPairs prices and quantities alternating.
     * @return the levels.
     */
    static long[] levels(final long... priceQtyPairs)
    {
        if ((priceQtyPairs.length & 1) != 0)
        {
            throw new IllegalArgumentException("price/qty pairs expected");
        }
        return priceQtyPairs;
    }

    /** No levels. */
    static long[] none()
    {
        return new long[0];
    }

    /**
     * A depth diff.
     *
     * @param instrumentId instrument.
     * @param firstId      U.
     * @param lastId       u.
     * @param prevId       pu, or -1 on spot.
     * @param bids         bid levels as pairs.
     * @param asks         ask levels as pairs.
     * @return the event.
     */
    static Event depth(
        final int instrumentId, final long firstId, final long lastId, final long prevId, final long[] bids,
        final long[] asks)
    {
        return depthEvent(EventType.DEPTH, instrumentId, firstId, lastId, prevId, bids, asks);
    }

    /** A spot diff (no pu). */
    static Event spot(final int instrumentId, final long firstId, final long lastId, final long[] bids,
        final long[] asks)
    {
        return depth(instrumentId, firstId, lastId, -1, bids, asks);
    }

    /** A futures diff. */
    static Event futures(
        final int instrumentId, final long firstId, final long lastId, final long prevId, final long[] bids,
        final long[] asks)
    {
        return depth(instrumentId, firstId, lastId, prevId, bids, asks);
    }

    /** A snapshot: U = u = lastUpdateId, pu = -1. */
    static Event snapshot(final int instrumentId, final long lastUpdateId, final long[] bids, final long[] asks)
    {
        return depthEvent(EventType.SNAPSHOT, instrumentId, lastUpdateId, lastUpdateId, -1, bids, asks);
    }

    /** A bookTicker. */
    static Event ticker(
        final int instrumentId, final long updateId, final long bidPrice, final long bidQty, final long askPrice,
        final long askQty)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(TICKER_LENGTH);
        b.putInt(INSTRUMENT_ID, instrumentId);
        b.putInt(4, 0);
        b.putLong(TICKER_UPDATE_ID, updateId);
        b.putLong(TICKER_BID_PRICE, bidPrice);
        b.putLong(TICKER_BID_QTY, bidQty);
        b.putLong(TICKER_ASK_PRICE, askPrice);
        b.putLong(TICKER_ASK_QTY, askQty);
        b.putLong(TICKER_EVENT_TIME_MS, 1_723_161_255_208L);
        b.putLong(TICKER_RECEIVE_TIME_NS, 42L);
        return new Event(EventType.BOOK_TICKER, b, 0, TICKER_LENGTH);
    }

    /** A trade. */
    static Event trade(final int instrumentId, final long tradeId, final long price, final long qty, final int flags)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(TRADE_LENGTH);
        b.putInt(INSTRUMENT_ID, instrumentId);
        b.putInt(TRADE_FLAGS, flags);
        b.putLong(TRADE_ID, tradeId);
        b.putLong(TRADE_PRICE, price);
        b.putLong(TRADE_QTY, qty);
        b.putLong(TRADE_TIME_MS, 1_723_161_255_342L);
        b.putLong(TRADE_EVENT_TIME_MS, 1_723_161_255_343L);
        b.putLong(TRADE_RECEIVE_TIME_NS, 43L);
        return new Event(EventType.TRADE, b, 0, TRADE_LENGTH);
    }

    private static Event depthEvent(
        final int type, final int instrumentId, final long firstId, final long lastId, final long prevId,
        final long[] bids, final long[] asks)
    {
        final int bidCount = bids.length / 2;
        final int askCount = asks.length / 2;
        final int length = EventLayout.depthLength(bidCount, askCount);
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(length);
        EventLayout.putDepthHeader(b, 0, instrumentId, bidCount, askCount, firstId, lastId, prevId,
            1_723_161_255_208L, 41L);
        int pos = DEPTH_LEVELS;
        for (final long[] side : new long[][] {bids, asks})
        {
            for (int i = 0; i < side.length; i += 2, pos += LEVEL_LENGTH)
            {
                b.putLong(pos, side[i]);
                b.putLong(pos + 8, side[i + 1]);
            }
        }
        return new Event(type, b, 0, length);
    }
}
