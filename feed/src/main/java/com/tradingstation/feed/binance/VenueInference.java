package com.tradingstation.feed.binance;

import com.tradingstation.core.instrument.Venue;

/**
 * Which Binance venue a message came from: the venue given for the decoder or for the call when
 * there is one, else inferred from the variant's fields. The rules, all in one place:
 * <ul>
 * <li>depthUpdate: with {@code pu} futures, and then with {@code ps} COIN-M, else USD-M; without
 * {@code pu} spot;</li>
 * <li>bookTicker: without {@code "e"} spot, with {@code ps} COIN-M, else USD-M;</li>
 * <li>trade: with {@code "M"} spot, a COIN-M symbol ({@code <base>USD_<PERP|yymmdd>}) COIN-M,
 * else USD-M;</li>
 * <li>snapshot: with {@code pair} COIN-M, with {@code E} or {@code T} USD-M, else spot.</li>
 * </ul>
 * Threading: the decoding thread only. Allocation: none.
 */
final class VenueInference
{
    private final Venue venueOverride;
    private Venue callVenue;

    /**
     * @param venueOverride the venue of every message, or null to infer it per message.
     */
    VenueInference(final Venue venueOverride)
    {
        this.venueOverride = venueOverride;
    }

    /**
     * @param venue the venue of the messages of the current call, or null to clear.
     */
    void callVenue(final Venue venue)
    {
        callVenue = venue;
    }

    /**
     * @return the venue given for the call or the decoder, or null when it must be inferred.
     */
    Venue forced()
    {
        return callVenue != null ? callVenue : venueOverride;
    }

    Venue depth(final BinanceMessage m)
    {
        final Venue forced = forced();
        return forced != null ? forced :
            m.prevId.present ? (m.hasPs ? Venue.BINANCE_COINM : Venue.BINANCE_USDM) : Venue.BINANCE_SPOT;
    }

    Venue bookTicker(final BinanceMessage m)
    {
        final Venue forced = forced();
        return forced != null ? forced :
            !m.hasEventType ? Venue.BINANCE_SPOT : (m.hasPs ? Venue.BINANCE_COINM : Venue.BINANCE_USDM);
    }

    Venue trade(final BinanceMessage m, final byte[] buffer)
    {
        final Venue forced = forced();
        return forced != null ? forced :
            m.hasSpotMarker ? Venue.BINANCE_SPOT :
            (isCoinMarginedSymbol(buffer, m.symbol.start, m.symbol.end) ? Venue.BINANCE_COINM : Venue.BINANCE_USDM);
    }

    Venue snapshot(final BinanceMessage m)
    {
        final Venue forced = forced();
        return forced != null ? forced :
            m.hasPair ? Venue.BINANCE_COINM :
            (m.eventTimeMs.present || m.transactTimeMs.present) ? Venue.BINANCE_USDM : Venue.BINANCE_SPOT;
    }

    /**
     * COIN-M symbols are {@code <base>USD_<PERP|yymmdd>}; USD-M delivery symbols end in USDT/USDC
     * before the underscore.
     */
    static boolean isCoinMarginedSymbol(final byte[] buffer, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (buffer[i] == '_')
            {
                return i - start >= 3 && buffer[i - 3] == 'U' && buffer[i - 2] == 'S' && buffer[i - 1] == 'D';
            }
        }
        return false;
    }
}
