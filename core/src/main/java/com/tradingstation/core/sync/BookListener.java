package com.tradingstation.core.sync;

import org.agrona.DirectBuffer;

/**
 * Receives what the book thread does, on the book thread. Implementations (sinks, publishers)
 * must not block and must copy anything they keep: the book and buffers are reused.
 */
public interface BookListener
{
    /** Listener that ignores everything. */
    BookListener NONE = new BookListener()
    {
    };

    /**
     * The levels of a diff were applied (called before {@link #onBookUpdated}, and before the
     * crossed-book check, so a publisher forwards exactly what the book applied).
     *
     * @param book   the instrument's book, now at the diff's last update id.
     * @param buffer event buffer, valid only during the call.
     * @param offset event start, layout {@link com.tradingstation.core.event.EventLayout} DEPTH.
     */
    default void onLevelsApplied(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
    }

    /**
     * A diff was applied and the book is consistent at {@code book.lastUpdateId()} (a venue snapshot
     * is announced by {@link #onStateChanged} with SYNCING instead).
     *
     * @param book the instrument's book and counters.
     */
    default void onBookUpdated(final InstrumentBook book)
    {
    }

    /**
     * A trade arrived (never conflated).
     *
     * @param book   the instrument's book and counters.
     * @param buffer event buffer, valid only during the call.
     * @param offset event start, layout {@link com.tradingstation.core.event.EventLayout} TRADE.
     */
    default void onTrade(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
    }

    /**
     * The book became stale (gap, crossed, snapshot too old) or recovered.
     *
     * @param book     the instrument's book and counters.
     * @param newState the state it moved to.
     */
    default void onStateChanged(final InstrumentBook book, final SyncState newState)
    {
    }
}
