package com.tradingstation.feed.binance;

import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;

/**
 * Turns the symbol of the message being decoded into an instrument id: registering it on first
 * sight for a decoded message, and only looking it up to blame a malformed one on its book.
 * <p>
 * Threading: the decoding thread only. Allocation: only when an instrument is registered.
 */
final class InstrumentResolver
{
    private static final Venue[] ALL_VENUES = Venue.values();

    private final InstrumentRegistry registry;
    private final BinanceMessage m;
    private final VenueInference venues;
    private final MalformedCounts malformed;
    private long unlisted;

    /**
     * @param parts the decoder's instruments, the message being decoded, the venue given for the
     *              decoder or the call, and where unusable symbols are counted.
     */
    InstrumentResolver(final DecoderParts parts)
    {
        this.registry = parts.registry();
        this.m = parts.message();
        this.venues = parts.venues();
        this.malformed = parts.malformed();
    }

    /**
     * Find or register the message's symbol on a venue.
     *
     * @param venue  the message's venue.
     * @param buffer the message bytes.
     * @return the instrument id, or negative when it cannot be used (counted).
     */
    int resolve(final Venue venue, final byte[] buffer)
    {
        final int id = registry.findOrRegister(venue, buffer, m.symbol.start, m.symbolLength());
        if (id == InstrumentRegistry.NOT_ALLOWED)
        {
            unlisted++; // a real symbol the station was not asked for: skipped, counted, not malformed
        }
        else if (id == InstrumentRegistry.BAD_SYMBOL)
        {
            malformed.record(MalformedReason.BAD_SYMBOL, -1);
        }
        else if (id < 0)
        {
            malformed.record(MalformedReason.REGISTRY_FULL, -1);
        }
        return id;
    }

    /**
     * The registered instrument a malformed message belongs to, if that is certain.
     *
     * @param buffer the message bytes.
     * @return the instrument id, or -1.
     */
    int known(final byte[] buffer)
    {
        if (!m.hasSymbol())
        {
            return -1;
        }
        final Venue forced = venues.forced();
        if (forced != null)
        {
            return registry.find(forced, buffer, m.symbol.start, m.symbolLength());
        }
        // A malformed message may lack the fields that tell its venue: blame a book only when one
        // venue has the symbol (BTCUSDT trades on spot and USD-M alike).
        int found = -1;
        for (final Venue v : ALL_VENUES)
        {
            final int id = registry.find(v, buffer, m.symbol.start, m.symbolLength());
            if (id >= 0)
            {
                if (found >= 0)
                {
                    return -1;
                }
                found = id;
            }
        }
        return found;
    }

    /** @return messages skipped because their symbol is not on the registry's allow-list. */
    long unlisted()
    {
        return unlisted;
    }

    void reset()
    {
        unlisted = 0;
    }
}
