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
 *
 * @param venue                     the venue.
 * @param defaultWsBase             production WebSocket base URL.
 * @param defaultRestBase           production REST base URL.
 * @param restPrefix                REST path prefix ({@code /api/v3}, {@code /fapi/v1}, {@code /dapi/v1}).
 * @param weightLimitPerMinute      the venue's REQUEST_WEIGHT limit per minute per IP.
 * @param exchangeInfoWeight        weight of one exchangeInfo request.
 * @param serverPingIntervalMs      how often the server pings.
 * @param serverPongTimeoutMs       how long the server waits for a pong before it disconnects.
 * @param incomingMessagesPerSecond incoming messages (ping, pong, JSON) per second per connection the server accepts.
 * @param depthPath                 path segment of the depth stream under the WebSocket base ("" for the root).
 * @param tickerPath                path segment of the bookTicker stream.
 * @param tradePath                 path segment of the trade stream.
 * @param tradeStream               name of the trade stream ({@code trade} or {@code aggTrade}).
 */
public record VenueSpec(
    Venue venue, String defaultWsBase, String defaultRestBase, String restPrefix, int weightLimitPerMinute,
    int exchangeInfoWeight, long serverPingIntervalMs, long serverPongTimeoutMs, int incomingMessagesPerSecond,
    String depthPath, String tickerPath, String tradePath, String tradeStream)
{
    /** Binance spot. */
    public static final VenueSpec SPOT = new VenueSpec(Venue.BINANCE_SPOT, "wss://stream.binance.com:9443",
        "https://api.binance.com", "/api/v3", 6000, 20, 20_000, 60_000, 5, "", "", "", "trade");
    /** Binance USD-M futures. */
    public static final VenueSpec USDM = new VenueSpec(Venue.BINANCE_USDM, "wss://fstream.binance.com",
        "https://fapi.binance.com", "/fapi/v1", 2400, 1, 180_000, 600_000, 10, "/public", "/public", "/market",
        "aggTrade");
    /** Binance COIN-M futures. */
    public static final VenueSpec COINM = new VenueSpec(Venue.BINANCE_COINM, "wss://dstream.binance.com",
        "https://dapi.binance.com", "/dapi/v1", 2400, 1, 180_000, 600_000, 10, "", "", "", "aggTrade");

    /** Futures depth limits the REST endpoint accepts. */
    private static final int[] FUTURES_LIMITS = {5, 10, 20, 50, 100, 500, 1000};

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
        if (venue == Venue.BINANCE_SPOT)
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
        if (venue == Venue.BINANCE_SPOT)
        {
            return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
        }
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }
}
