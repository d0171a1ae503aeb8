package com.tradingstation.sim;

/**
 * What a session line carries. Every depth stream variant ({@code @depth}, {@code @depth@100ms},
 * {@code @depth@0ms}, {@code @depth@500ms}) serves the session's diffs; {@code @trade} and
 * {@code @aggTrade} both serve its trades.
 */
enum StreamKind
{
    /** depthUpdate diffs. */
    DEPTH,
    /** bookTicker events. */
    BOOK_TICKER,
    /** trade (or aggTrade) events. */
    TRADE,
    /** A REST depth snapshot: never streamed, it seeds and refreshes the reference book. */
    SNAPSHOT
}
