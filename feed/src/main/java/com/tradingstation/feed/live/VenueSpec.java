package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Venue;

/**
 * What the venues document about their public market-data endpoints: default base URLs, REST
 * paths and request weights, the WebSocket path each stream kind is routed to, ping cadence and
 * limits. Facts, not settings: the settings that may differ per deployment live in
 * {@link LiveSettings}.
 * <p>
 * Sources: Binance spot "WebSocket Streams" and "REST API" (request weights, limits), USD-M and
 * COIN-M "Websocket Market Streams", and the USD-M "Important WebSocket Change Notice — Base URL
 * Split" (2026): depth and bookTicker under {@code /public}, aggTrade and markPrice under
 * {@code /market}; the legacy root paths were retired on 2026-04-23.
 */
public enum VenueSpec
{
    /** Binance spot. */
    SPOT(Venue.BINANCE_SPOT, "wss://stream.binance.com:9443", "https://api.binance.com", "/api/v3",
        6000, 20, 20_000, 60_000, 5, "", "", "", "trade"),
    /** Binance USD-M futures. */
    USDM(Venue.BINANCE_USDM, "wss://fstream.binance.com", "https://fapi.binance.com", "/fapi/v1",
        2400, 1, 180_000, 600_000, 10, "/public", "/public", "/market", "aggTrade"),
    /** Binance COIN-M futures. */
    COINM(Venue.BINANCE_COINM, "wss://dstream.binance.com", "https://dapi.binance.com", "/dapi/v1",
        2400, 1, 180_000, 600_000, 10, "", "", "", "aggTrade");

    /** Futures depth limits the REST endpoint accepts. */
    private static final int[] FUTURES_LIMITS = {5, 10, 20, 50, 100, 500, 1000};

    private final Venue venue;
    private final String defaultWsBase;
    private final String defaultRestBase;
    private final String restPrefix;
    private final int weightLimitPerMinute;
    private final int exchangeInfoWeight;
    private final long serverPingIntervalMs;
    private final long serverPongTimeoutMs;
    private final int incomingMessagesPerSecond;
    private final String depthPath;
    private final String tickerPath;
    private final String tradePath;
    private final String tradeStream;

    VenueSpec(
        final Venue venue, final String defaultWsBase, final String defaultRestBase, final String restPrefix,
        final int weightLimitPerMinute, final int exchangeInfoWeight, final long serverPingIntervalMs,
        final long serverPongTimeoutMs, final int incomingMessagesPerSecond, final String depthPath,
        final String tickerPath, final String tradePath, final String tradeStream)
    {
        this.venue = venue;
        this.defaultWsBase = defaultWsBase;
        this.defaultRestBase = defaultRestBase;
        this.restPrefix = restPrefix;
        this.weightLimitPerMinute = weightLimitPerMinute;
        this.exchangeInfoWeight = exchangeInfoWeight;
        this.serverPingIntervalMs = serverPingIntervalMs;
        this.serverPongTimeoutMs = serverPongTimeoutMs;
        this.incomingMessagesPerSecond = incomingMessagesPerSecond;
        this.depthPath = depthPath;
        this.tickerPath = tickerPath;
        this.tradePath = tradePath;
        this.tradeStream = tradeStream;
    }

    /**
     * @param venue a venue.
     * @return its spec.
     */
    public static VenueSpec of(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_SPOT:
                return SPOT;
            case BINANCE_USDM:
                return USDM;
            default:
                return COINM;
        }
    }

    /** @return the venue. */
    public Venue venue()
    {
        return venue;
    }

    /** @return production WebSocket base URL. */
    public String defaultWsBase()
    {
        return defaultWsBase;
    }

    /** @return production REST base URL. */
    public String defaultRestBase()
    {
        return defaultRestBase;
    }

    /** @return REST path prefix ({@code /api/v3}, {@code /fapi/v1}, {@code /dapi/v1}). */
    public String restPrefix()
    {
        return restPrefix;
    }

    /** @return the venue's REQUEST_WEIGHT limit per minute per IP. */
    public int weightLimitPerMinute()
    {
        return weightLimitPerMinute;
    }

    /** @return weight of one exchangeInfo request. */
    public int exchangeInfoWeight()
    {
        return exchangeInfoWeight;
    }

    /** @return how often the server pings. */
    public long serverPingIntervalMs()
    {
        return serverPingIntervalMs;
    }

    /** @return how long the server waits for a pong before it disconnects. */
    public long serverPongTimeoutMs()
    {
        return serverPongTimeoutMs;
    }

    /** @return incoming messages (ping, pong, JSON) per second per connection the server accepts. */
    public int incomingMessagesPerSecond()
    {
        return incomingMessagesPerSecond;
    }

    /**
     * @param kind a stream kind.
     * @return the path segment under the WebSocket base that carries it ("" for the root).
     */
    public String wsPath(final StreamKind kind)
    {
        switch (kind)
        {
            case DEPTH:
                return depthPath;
            case BOOK_TICKER:
                return tickerPath;
            default:
                return tradePath;
        }
    }

    /**
     * @param symbol        venue symbol (any case).
     * @param kind          stream kind.
     * @param depthInterval depth update interval ("100ms", "0ms", ...; "" for the venue's default).
     * @return the stream name, lowercase as the venues require.
     */
    public String streamName(final String symbol, final StreamKind kind, final String depthInterval)
    {
        final String sym = symbol.toLowerCase(java.util.Locale.ROOT);
        switch (kind)
        {
            case DEPTH:
                return depthInterval == null ||
                    depthInterval.isEmpty() ? sym + "@depth" : sym + "@depth@" + depthInterval;
            case BOOK_TICKER:
                return sym + "@bookTicker";
            default:
                return sym + "@" + tradeStream;
        }
    }

    /**
     * The depth limit the venue accepts at or above the one asked for (futures take only a fixed
     * set; spot any value up to 5000).
     *
     * @param limit wanted levels.
     * @return the limit to send.
     */
    public int depthLimit(final int limit)
    {
        if (this == SPOT)
        {
            return Math.max(1, Math.min(5000, limit));
        }
        for (final int l : FUTURES_LIMITS)
        {
            if (l >= limit)
            {
                return l;
            }
        }
        return FUTURES_LIMITS[FUTURES_LIMITS.length - 1];
    }

    /**
     * @param limit a limit {@link #depthLimit(int)} returned.
     * @return the request weight of a depth request with it.
     */
    public int depthWeight(final int limit)
    {
        if (this == SPOT)
        {
            return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
        }
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }
}
