package com.tradingstation.core.sync;

import org.agrona.DirectBuffer;

/**
 * Fans the book thread's callbacks out to several listeners, in order (e.g. the Redis sink's
 * publisher and the UDP publisher).
 */
public final class CompositeBookListener implements BookListener
{
    private final BookListener[] listeners;

    /**
     * @param listeners called in this order.
     */
    public CompositeBookListener(final BookListener... listeners)
    {
        this.listeners = listeners.clone();
    }

    @Override
    public void onLevelsApplied(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        for (final BookListener l : listeners)
        {
            l.onLevelsApplied(book, buffer, offset);
        }
    }

    @Override
    public void onBookUpdated(final InstrumentBook book)
    {
        for (final BookListener l : listeners)
        {
            l.onBookUpdated(book);
        }
    }

    @Override
    public void onTrade(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        for (final BookListener l : listeners)
        {
            l.onTrade(book, buffer, offset);
        }
    }

    @Override
    public void onStateChanged(final InstrumentBook book, final SyncState newState)
    {
        for (final BookListener l : listeners)
        {
            l.onStateChanged(book, newState);
        }
    }
}
