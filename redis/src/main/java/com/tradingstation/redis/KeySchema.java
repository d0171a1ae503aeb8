package com.tradingstation.redis;

import com.tradingstation.core.instrument.Instrument;

/**
 * The station's Redis keys (documented in docs/REDIS.md). Every key of an instrument carries the
 * hash tag {@code {venue:SYMBOL}}, so all of them live on one slot of a Redis Cluster and a
 * pipeline or transaction over one instrument never crosses slots.
 * <pre>
 * md:{binance-spot:BTCUSDT}:tob     SET     top of book, JSON, latest wins
 * md:{binance-spot:BTCUSDT}:trades  STREAM  trades, XADD MAXLEN ~ N
 * md:{binance-spot:BTCUSDT}:book    SET     top N levels a side, JSON, throttled
 * station:{stats}:heartbeat          SET     the station's counters, JSON, every flush interval
 * </pre>
 */
public final class KeySchema
{
    /** Prefix of market-data keys. */
    public static final String PREFIX = "md:";
    /** The station's heartbeat/stats key. */
    public static final String HEARTBEAT = "station:{stats}:heartbeat";

    private KeySchema()
    {
    }

    /**
     * @param instrument the instrument.
     * @return its hash tag, {@code {venue:SYMBOL}}.
     */
    public static String tag(final Instrument instrument)
    {
        return "{" + instrument.key() + "}";
    }

    /**
     * @param instrument the instrument.
     * @return its top-of-book key.
     */
    public static String tob(final Instrument instrument)
    {
        return PREFIX + tag(instrument) + ":tob";
    }

    /**
     * @param instrument the instrument.
     * @return its trade stream key.
     */
    public static String trades(final Instrument instrument)
    {
        return PREFIX + tag(instrument) + ":trades";
    }

    /**
     * @param instrument the instrument.
     * @return its book snapshot key.
     */
    public static String book(final Instrument instrument)
    {
        return PREFIX + tag(instrument) + ":book";
    }
}
