package com.tradingstation.wire;

/**
 * What a strategy hears from a {@link WireSubscriber}, on the subscriber's thread. The book views
 * are live objects: read them during the call, copy what you keep.
 */
public interface SubscriberListener
{
    /** Listener that ignores everything. */
    SubscriberListener NONE = new SubscriberListener()
    {
    };

    /**
     * A venue update was applied in full; the book is consistent.
     *
     * @param book the book.
     */
    default void onBookChanged(final BookView book)
    {
    }

    /**
     * A trade (delivered whether or not the book is stale).
     *
     * @param book           the instrument's book.
     * @param tradeId        venue trade id.
     * @param price          price mantissa.
     * @param qty            quantity mantissa.
     * @param buyAggressor   true when the buyer took liquidity.
     * @param exchangeTimeNs venue trade time, ns since the epoch.
     */
    default void onTrade(
        final BookView book, final long tradeId, final long price, final long qty, final boolean buyAggressor,
        final long exchangeTimeNs)
    {
    }

    /**
     * The book can no longer be trusted (packet gap, or the station's own book went stale).
     *
     * @param book the book.
     */
    default void onStale(final BookView book)
    {
    }

    /**
     * The book was rebuilt from a snapshot and the incremental packets after it.
     *
     * @param book the book.
     */
    default void onRecovered(final BookView book)
    {
    }
}
