package com.tradingstation.core.instrument;

import com.tradingstation.core.sync.SequencingRule;

/**
 * The venues (market + product family) the station knows. The ordinal is written into events and
 * wire messages: append only. Each venue's depth-stream sequencing rule is
 * {@link SequencingRule#forVenue(Venue)}.
 */
public enum Venue
{
    /** Binance spot: contiguous ids, {@code U == previous u + 1}. */
    BINANCE_SPOT("binance-spot"),
    /** Binance USD-M futures: {@code pu == previous u}, ids not contiguous. */
    BINANCE_USDM("binance-usdm"),
    /** Binance COIN-M futures: same rule as USD-M. */
    BINANCE_COINM("binance-coinm");

    private static final Venue[] VALUES = values();

    private final String id;

    Venue(final String id)
    {
        this.id = id;
    }

    /**
     * @return the stable lower-case name used in output, keys and configuration.
     */
    public String id()
    {
        return id;
    }

    /**
     * The last dependency of this package on the sync package (which depends on this one): kept
     * only until its remaining callers outside core use {@link SequencingRule#forVenue(Venue)}.
     *
     * @return how this venue's depth diffs chain onto a snapshot and onto each other.
     * @deprecated use {@link SequencingRule#forVenue(Venue)}.
     */
    @Deprecated(forRemoval = true)
    public SequencingRule rule()
    {
        return SequencingRule.forVenue(this);
    }

    /**
     * @param ordinal a value from {@link #ordinal()}.
     * @return the venue.
     */
    public static Venue fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @param id a name from {@link #id()}.
     * @return the venue.
     * @throws IllegalArgumentException listing the known names when unknown.
     */
    public static Venue fromId(final String id)
    {
        for (final Venue v : VALUES)
        {
            if (v.id.equals(id))
            {
                return v;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final Venue v : VALUES)
        {
            known.append(known.length() == 0 ? "" : ", ").append(v.id);
        }
        throw new IllegalArgumentException("unknown venue '" + id + "' (known: " + known + ")");
    }
}
