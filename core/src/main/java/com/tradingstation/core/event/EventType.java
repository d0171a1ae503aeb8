package com.tradingstation.core.event;

/**
 * Message type ids of events on the decoder-to-book ring. Layouts are in {@link EventLayout}.
 */
public final class EventType
{
    /** A depth diff ({@code depthUpdate}). */
    public static final int DEPTH = 1;
    /** A full book snapshot (REST depth). */
    public static final int SNAPSHOT = 2;
    /** A best bid/offer ({@code bookTicker}). */
    public static final int BOOK_TICKER = 3;
    /** A trade or aggregated trade. */
    public static final int TRADE = 4;

    private EventType()
    {
    }
}
