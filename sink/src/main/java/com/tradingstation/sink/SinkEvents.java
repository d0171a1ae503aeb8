package com.tradingstation.sink;

/**
 * Layouts of the events the book thread puts on the sink ring (native byte order, in-process).
 * <pre>
 * TOB (type 1)                 BOOK (type 2)                        TRADE (type 3)
 *  0 int  instrumentId          0 int  instrumentId                   the core EventLayout TRADE bytes,
 *  8 long updateId              4 int  bidCount                       copied as the decoder wrote them
 * 16 long bidPrice              8 int  askCount
 * 24 long bidQty               16 long updateId
 * 32 long askPrice
 * 40 long askQty               24 levels: (price, qty) bids then asks
 * 48 = length
 * </pre>
 * A price of {@code Long.MIN_VALUE} marks an empty side.
 */
final class SinkEvents
{
    static final int TOB = 1;
    static final int BOOK = 2;
    static final int TRADE = 3;

    static final int TOB_UPDATE_ID = 8;
    static final int TOB_BID_PRICE = 16;
    static final int TOB_BID_QTY = 24;
    static final int TOB_ASK_PRICE = 32;
    static final int TOB_ASK_QTY = 40;
    static final int TOB_LENGTH = 48;

    static final int BOOK_BID_COUNT = 4;
    static final int BOOK_ASK_COUNT = 8;
    static final int BOOK_UPDATE_ID = 16;
    static final int BOOK_LEVELS = 24;

    private SinkEvents()
    {
    }
}
