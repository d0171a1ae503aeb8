package com.tradingstation.feed.live;

/**
 * The public market-data streams the station subscribes to per instrument.
 */
public enum StreamKind
{
    /** Diff depth ({@code <sym>@depth@100ms}). */
    DEPTH,
    /** Best bid/offer ({@code <sym>@bookTicker}). */
    BOOK_TICKER,
    /** Trades ({@code <sym>@trade} on spot, {@code <sym>@aggTrade} on futures). */
    TRADE
}
