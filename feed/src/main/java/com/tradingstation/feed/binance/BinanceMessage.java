package com.tradingstation.feed.binance;

/**
 * The fields of the one Binance message being decoded: which keys it carried and where their
 * values lie in the input (spans are byte offsets into the input, -1 when absent). Reset before
 * each message; one instance is reused for every message, so it allocates nothing.
 * <p>
 * Threading: the decoding thread only.
 */
final class BinanceMessage
{
    long eventCode;
    boolean hasEventType;
    long eventTimeMs;
    boolean hasEventTime;
    long transactTimeMs;
    boolean hasTransactTime;
    int symbolStart;
    int symbolEnd;
    boolean hasPs;
    boolean hasPair;
    boolean hasSpotMarker;
    long firstId;
    boolean hasFirstId;
    long lastId;
    boolean hasLastId;
    long prevId;
    boolean hasPrevId;
    long snapshotId;
    boolean hasSnapshotId;
    /** Start of the bids level array ({@code b} or {@code bids}). */
    int bidsPos;
    /** Start of the asks level array ({@code a} or {@code asks}). */
    int asksPos;
    /** bookTicker: best bid price string span. */
    int bidStrStart;
    int bidStrEnd;
    int bidQtyStart;
    int bidQtyEnd;
    int askStrStart;
    int askStrEnd;
    int askQtyStart;
    int askQtyEnd;
    long tradeId;
    boolean hasTradeId;
    int priceStart;
    int priceEnd;
    int qtyStart;
    int qtyEnd;
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
        hasEventTime = false;
        hasTransactTime = false;
        symbolStart = -1;
        symbolEnd = -1;
        hasPs = false;
        hasPair = false;
        hasSpotMarker = false;
        hasFirstId = false;
        hasLastId = false;
        hasPrevId = false;
        hasSnapshotId = false;
        bidsPos = -1;
        asksPos = -1;
        bidStrStart = -1;
        bidQtyStart = -1;
        askStrStart = -1;
        askQtyStart = -1;
        hasTradeId = false;
        priceStart = -1;
        qtyStart = -1;
        buyerMaker = false;
        directId = -2;
        bidsDirect = false;
        asksDirect = false;
    }

    boolean hasSymbol()
    {
        return symbolStart >= 0 && symbolEnd > symbolStart;
    }

    int symbolLength()
    {
        return symbolEnd - symbolStart;
    }

    long eventTimeOrZeroMs()
    {
        return hasEventTime ? eventTimeMs : 0;
    }

    boolean isSnapshot()
    {
        return hasSnapshotId && bidsPos >= 0 && asksPos >= 0;
    }

    boolean hasTickerFields()
    {
        return hasLastId && bidStrStart >= 0 && askStrStart >= 0;
    }
}
