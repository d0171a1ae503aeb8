package com.tradingstation.redis;

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
 * Here, beside the client, because the sink writes these keys and the operations tools read them;
 * an instrument is named by its key {@code venue:SYMBOL} so this layer needs nothing of the books.
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
     * @param instrumentKey the instrument's key, {@code venue:SYMBOL}.
     * @return its hash tag, {@code {venue:SYMBOL}}.
     */
    public static String tag(final String instrumentKey)
    {
        return "{" + instrumentKey + "}";
    }

    /**
     * @param instrumentKey the instrument's key, {@code venue:SYMBOL}.
     * @return its top-of-book key.
     */
    public static String tob(final String instrumentKey)
    {
        return PREFIX + tag(instrumentKey) + ":tob";
    }

    /**
     * @param instrumentKey the instrument's key, {@code venue:SYMBOL}.
     * @return its trade stream key.
     */
    public static String trades(final String instrumentKey)
    {
        return PREFIX + tag(instrumentKey) + ":trades";
    }

    /**
     * @param instrumentKey the instrument's key, {@code venue:SYMBOL}.
     * @return its book snapshot key.
     */
    public static String book(final String instrumentKey)
    {
        return PREFIX + tag(instrumentKey) + ":book";
    }
}
