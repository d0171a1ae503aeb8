package com.tradingstation.core.instrument;

import com.tradingstation.core.sync.SequencingRule;

/**
 * The venues (market + product family) the station knows, each with its depth-stream
 * sequencing rule. The ordinal is written into events and wire messages: append only.
 */
public enum Venue
{
    /** Binance spot: contiguous ids, {@code U == previous u + 1}. */
    BINANCE_SPOT("binance-spot", SequencingRule.BINANCE_SPOT),
    /** Binance USD-M futures: {@code pu == previous u}, ids not contiguous. */
    BINANCE_USDM("binance-usdm", SequencingRule.BINANCE_FUTURES),
    /** Binance COIN-M futures: same rule as USD-M. */
    BINANCE_COINM("binance-coinm", SequencingRule.BINANCE_FUTURES);

    private static final Venue[] VALUES = values();

    private final String id;
    private final SequencingRule rule;

    Venue(final String id, final SequencingRule rule)
    {
        this.id = id;
        this.rule = rule;
    }

    /**
     * @return the stable lower-case name used in output, keys and configuration.
     */
    public String id()
    {
        return id;
    }

    /**
     * @return how this venue's depth diffs chain onto a snapshot and onto each other.
     */
    public SequencingRule rule()
    {
        return rule;
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
