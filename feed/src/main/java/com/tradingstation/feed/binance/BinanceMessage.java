package com.tradingstation.feed.binance;

import com.tradingstation.feed.json.JsonCursor;

/**
 * The fields of the one Binance message being decoded: which keys it carried, their numbers, and
 * where their string values lie in the input (byte offsets, -1 when absent). Reset before each
 * message; one instance is reused for every message, so it allocates nothing.
 * <p>
 * Threading: the decoding thread only.
 */
final class BinanceMessage
{
    /** A string value's span in the input. */
    static final class Span
    {
        int start = -1;
        int end = -1;

        /** Read a string value at the cursor; the span stays unset when it is not one. */
        void read(final JsonCursor c)
        {
            if (c.readString())
            {
                start = c.stringStart();
                end = c.stringEnd();
            }
        }

        boolean present()
        {
            return start >= 0;
        }

        void clear()
        {
            start = -1;
            end = -1;
        }
    }

    /** An integer value and whether its key was there. */
    static final class LongField
    {
        long value;
        boolean present;

        /** Read an integer value at the cursor (a bad one fails the cursor). */
        void read(final JsonCursor c)
        {
            value = c.readLong();
            present = true;
        }

        long valueOrZero()
        {
            return present ? value : 0;
        }
    }

    long eventCode;
    boolean hasEventType;
    final LongField eventTimeMs = new LongField();
    final LongField transactTimeMs = new LongField();
    /** {@code s} or {@code symbol}. */
    final Span symbol = new Span();
    boolean hasPs;
    boolean hasPair;
    boolean hasSpotMarker;
    /** A diff's {@code U}. */
    final LongField firstId = new LongField();
    /** A diff's or bookTicker's {@code u}. */
    final LongField lastId = new LongField();
    /** A futures diff's {@code pu}. */
    final LongField prevId = new LongField();
    final LongField snapshotId = new LongField();
    /** A trade's {@code t}, an aggTrade's {@code a}. */
    final LongField tradeId = new LongField();
    /** Start of the bids level array ({@code b} or {@code bids}). */
    int bidsPos;
    /** Start of the asks level array ({@code a} or {@code asks}). */
    int asksPos;
    /** bookTicker {@code b}, {@code B}, {@code a} and {@code A}. */
    final Span bidPrice = new Span();
    final Span bidQty = new Span();
    final Span askPrice = new Span();
    final Span askQty = new Span();
    /** A trade's {@code p} and {@code q}. */
    final Span price = new Span();
    final Span qty = new Span();
    boolean buyerMaker;
    /** The instrument the level arrays were parsed for while reading the object, -2 not looked up yet. */
    int directId;
    boolean bidsDirect;
    boolean asksDirect;
    /** Levels (or a negative {@link LevelParser} code) of the bids parsed while reading the object. */
    int bidResult;
    /** Levels (or a negative {@link LevelParser} code) of the asks parsed while reading the object. */
    int askResult;

    void reset()
    {
        hasEventType = false;
        eventTimeMs.present = false;
        transactTimeMs.present = false;
        symbol.clear();
        hasPs = false;
        hasPair = false;
        hasSpotMarker = false;
        firstId.present = false;
        lastId.present = false;
        prevId.present = false;
        snapshotId.present = false;
        tradeId.present = false;
        bidsPos = -1;
        asksPos = -1;
        bidPrice.clear();
        bidQty.clear();
        askPrice.clear();
        askQty.clear();
        price.clear();
        qty.clear();
        buyerMaker = false;
        directId = -2;
        bidsDirect = false;
        asksDirect = false;
    }

    boolean hasSymbol()
    {
        return symbol.start >= 0 && symbol.end > symbol.start;
    }

    int symbolLength()
    {
        return symbol.end - symbol.start;
    }

    boolean isSnapshot()
    {
        return snapshotId.present && bidsPos >= 0 && asksPos >= 0;
    }

    boolean hasTickerFields()
    {
        return lastId.present && bidPrice.present() && askPrice.present();
    }
}
