package com.tradingstation.core.book;

/**
 * Book side. The ordinal is written into events: do not reorder.
 */
public enum Side
{
    /** Buy side: best is the highest price. */
    BID,
    /** Sell side: best is the lowest price. */
    ASK
}
