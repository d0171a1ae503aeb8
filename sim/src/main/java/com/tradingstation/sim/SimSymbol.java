package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A symbol a session serves: what was learned while loading (decimals for exchangeInfo and the
 * depth answer, the first snapshot, the session's final update id) and the live per-symbol counters.
 * Loading fields are written once on the loading thread before the server starts; counters are
 * atomics written by the timeline thread and read by any thread.
 */
final class SimSymbol
{
    final Venue venue;
    final String symbol;
    final String lower;
    /** Most decimals seen in a price after trimming trailing zeros: the tick. */
    int priceDecimals;
    /** Most decimals seen in a quantity after trimming trailing zeros: the step. */
    int qtyDecimals;
    /** Most decimals seen in a price as written (spot writes 8). */
    int rawPriceDecimals;
    /** Most decimals seen in a quantity as written. */
    int rawQtyDecimals;
    /** The first snapshot of the session, with {@code "symbol"} injected when it had none. */
    byte[] firstSnapshot;
    /** {@code u} of the last diff in the session. */
    long finalUpdateId;
    long diffsInSession;

    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong diffsSent = new AtomicLong();
    final AtomicLong diffsDropped = new AtomicLong();
    volatile long lastSentUpdateId;

    SimSymbol(final Venue venue, final String symbol)
    {
        this.venue = venue;
        this.symbol = symbol;
        this.lower = symbol.toLowerCase(Locale.ROOT);
    }

    void price(final int trimmed, final int raw)
    {
        priceDecimals = Math.max(priceDecimals, trimmed);
        rawPriceDecimals = Math.max(rawPriceDecimals, raw);
    }

    void qty(final int trimmed, final int raw)
    {
        qtyDecimals = Math.max(qtyDecimals, trimmed);
        rawQtyDecimals = Math.max(rawQtyDecimals, raw);
    }
}
