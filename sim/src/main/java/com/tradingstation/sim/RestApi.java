package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.json.JsonWriter;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST market-data endpoints ({@code /api/v3}, {@code /fapi/v1}, {@code /dapi/v1}: depth,
 * exchangeInfo, ping, time) plus {@code /sim/stats}, with the venue's request weights, limits,
 * error bodies and the 429 fault. Independent of Netty's pipeline so it reads top-down: one call,
 * one {@link Response}.
 * <p>
 * Threading: any event loop; shared state lives in {@link SimContext} (atomics, synchronized limiters).
 */
final class RestApi
{
    /** Header Binance reports the minute's used weight in. */
    static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private static final int[] FUTURES_LIMITS = {5, 10, 20, 50, 100, 500, 1000};

    /**
     * @param status  HTTP status.
     * @param body    JSON body.
     * @param headers extra headers.
     * @param delayMs how long to hold the answer (snapshot delay fault).
     */
    record Response(int status, String body, Map<String, String> headers, long delayMs)
    {
    }

    private final SimContext context;

    RestApi(final SimContext context)
    {
        this.context = context;
    }

    /**
     * @param method HTTP method.
     * @param uri    request URI.
     * @return the answer.
     */
    Response handle(final String method, final String uri)
    {
        final QueryStringDecoder q = new QueryStringDecoder(uri);
        final String path = q.path();
        if (path.equals("/sim/stats"))
        {
            SimContext.count(context.requestsByEndpoint, path);
            return new Response(200, context.stats().toJson(), Map.of(), 0);
        }
        final Venue venue;
        final String endpoint;
        if (path.startsWith("/api/v3/"))
        {
            venue = Venue.BINANCE_SPOT;
            endpoint = path.substring("/api/v3/".length());
        }
        else if (path.startsWith("/fapi/v1/"))
        {
            venue = Venue.BINANCE_USDM;
            endpoint = path.substring("/fapi/v1/".length());
        }
        else if (path.startsWith("/dapi/v1/"))
        {
            venue = Venue.BINANCE_COINM;
            endpoint = path.substring("/dapi/v1/".length());
        }
        else
        {
            return notFound();
        }
        if (!method.equals("GET") || !(endpoint.equals("depth") || endpoint.equals("exchangeInfo") ||
            endpoint.equals("ping") || endpoint.equals("time")))
        {
            return notFound();
        }
        SimContext.count(context.requestsByEndpoint, path);
        final WeightLimiter limiter = context.limiters.get(venue);
        final long nowMs = System.currentTimeMillis();

        // Parameters are checked before weight is charged, as the venue rejects malformed requests up front.
        int weight = 1;
        int limit = 0;
        SimSymbol depthSymbol = null;
        List<SimSymbol> infoSymbols = null;
        final Map<String, SimSymbol> venueSymbols = context.symbols.getOrDefault(venue, Map.of());
        if (endpoint.equals("depth"))
        {
            final String symbol = param(q, "symbol");
            if (symbol == null || symbol.isEmpty())
            {
                return error(limiter, nowMs, 400, -1102,
                    "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            }
            depthSymbol = venueSymbols.get(symbol);
            if (depthSymbol == null)
            {
                return error(limiter, nowMs, 400, -1121, "Invalid symbol.");
            }
            final String limitText = param(q, "limit");
            if (venue == Venue.BINANCE_SPOT)
            {
                limit = 100;
                if (limitText != null)
                {
                    if (!limitText.matches("[0-9]{1,9}"))
                    {
                        return error(limiter, nowMs, 400, -1100,
                            "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
                    }
                    limit = Math.min(5000, Integer.parseInt(limitText));
                    if (limit < 1)
                    {
                        return error(limiter, nowMs, 400, -1130, "Data sent for parameter 'limit' is not valid.");
                    }
                }
                weight = limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
            }
            else
            {
                limit = 500;
                if (limitText != null)
                {
                    limit = -1;
                    for (final int allowed : FUTURES_LIMITS)
                    {
                        if (String.valueOf(allowed).equals(limitText))
                        {
                            limit = allowed;
                        }
                    }
                    if (limit < 0)
                    {
                        return error(limiter, nowMs, 400, -1130, "Data sent for parameter 'limit' is not valid.");
                    }
                }
                weight = limit <= 50 ? 2 : limit == 100 ? 5 : limit == 500 ? 10 : 20;
            }
        }
        else if (endpoint.equals("exchangeInfo"))
        {
            weight = venue == Venue.BINANCE_SPOT ? 20 : 1;
            infoSymbols = new ArrayList<>();
            final String one = param(q, "symbol");
            final String many = param(q, "symbols");
            if (venue == Venue.BINANCE_SPOT && (one != null || many != null))
            {
                final List<String> names = new ArrayList<>();
                if (one != null)
                {
                    names.add(one);
                }
                else
                {
                    final String inner = many.trim();
                    if (!inner.startsWith("[") || !inner.endsWith("]"))
                    {
                        return error(limiter, nowMs, 400, -1100, "Illegal characters found in parameter 'symbols'.");
                    }
                    for (final String part : inner.substring(1, inner.length() - 1).split(","))
                    {
                        final String name = part.trim().replace("\"", "");
                        if (!name.isEmpty())
                        {
                            names.add(name);
                        }
                    }
                }
                for (final String name : names)
                {
                    final SimSymbol s = venueSymbols.get(name);
                    if (s == null)
                    {
                        return error(limiter, nowMs, 400, -1121, "Invalid symbol.");
                    }
                    infoSymbols.add(s);
                }
            }
            else
            {
                infoSymbols.addAll(venueSymbols.values());
            }
        }

        final long n = context.restRequests.incrementAndGet();
        if (context.config.http429Every() > 0 && n % context.config.http429Every() == 0)
        {
            context.http429Injected.incrementAndGet();
            limiter.retryAfter(1000, nowMs);
            return tooMany(limiter, nowMs, 1, venue);
        }
        final WeightLimiter.Verdict verdict = limiter.admit(weight, nowMs);
        if (verdict == WeightLimiter.Verdict.TOO_MANY)
        {
            return tooMany(limiter, nowMs, limiter.retryAfterSeconds(), venue);
        }
        if (verdict == WeightLimiter.Verdict.BANNED)
        {
            context.http418Sent.incrementAndGet();
            final Map<String, String> headers = headers(limiter, nowMs);
            headers.put("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
            return new Response(418, errorBody(-1003,
                "Way too much request weight used; IP banned until " + (nowMs + limiter.retryAfterSeconds() * 1000) +
                ". Please use WebSocket Streams for live updates to avoid bans."), headers, 0);
        }

        final String body;
        long delayMs = 0;
        switch (endpoint)
        {
            case "depth" ->
            {
                body = depth(venue, depthSymbol, limit, nowMs);
                if (context.config.snapshotDelayMs() > 0)
                {
                    delayMs = context.config.snapshotDelayMs();
                    context.delayedSnapshots.incrementAndGet();
                }
            }
            case "exchangeInfo" -> body = ExchangeInfo.json(venue, infoSymbols, context.config.weightLimit(venue),
                nowMs);
            case "time" -> body = new JsonWriter(new StringBuilder(32)).beginObject().field("serverTime", nowMs)
                .endObject()
                .toString();
            default -> body = "{}";
        }
        return new Response(200, body, headers(limiter, nowMs), delayMs);
    }

    private String depth(final Venue venue, final SimSymbol symbol, final int limit, final long nowMs)
    {
        final ReferenceBooks.Depth d = context.books.depth(symbol, limit);
        final JsonWriter w = new JsonWriter(new StringBuilder(d.bids().length() + d.asks().length() + 128));
        w.beginObject().field("lastUpdateId", d.lastUpdateId());
        if (venue == Venue.BINANCE_COINM)
        {
            final int us = symbol.symbol.indexOf('_');
            w.field("symbol", symbol.symbol).field("pair", us > 0 ? symbol.symbol.substring(0, us) : symbol.symbol);
        }
        if (venue != Venue.BINANCE_SPOT)
        {
            w.field("E", nowMs).field("T", nowMs);
        }
        return w.name("bids").rawValue(d.bids()).name("asks").rawValue(d.asks()).endObject().toString();
    }

    private Response tooMany(final WeightLimiter limiter, final long nowMs, final long retryAfterSeconds,
        final Venue venue)
    {
        context.http429Sent.incrementAndGet();
        final Map<String, String> headers = headers(limiter, nowMs);
        headers.put("Retry-After", String.valueOf(retryAfterSeconds));
        return new Response(429, errorBody(-1003, "Too much request weight used; current limit is " +
            context.config.weightLimit(venue) +
            " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."),
            headers, 0);
    }

    private static Response error(final WeightLimiter limiter, final long nowMs, final int status, final int code,
        final String msg)
    {
        return new Response(status, errorBody(code, msg), headers(limiter, nowMs), 0);
    }

    private static Response notFound()
    {
        return new Response(404, "", Map.of(), 0);
    }

    private static Map<String, String> headers(final WeightLimiter limiter, final long nowMs)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(USED_WEIGHT_HEADER, String.valueOf(limiter.usedWeight(nowMs)));
        return headers;
    }

    /**
     * @param code the venue's error code.
     * @param msg  the message (escaped here).
     * @return the venue's error body, {@code {"code":-1121,"msg":"..."}}.
     */
    static String errorBody(final int code, final String msg)
    {
        return new JsonWriter(new StringBuilder(32 + msg.length())).beginObject()
            .field("code", code).field("msg", msg).endObject().toString();
    }

    private static String param(final QueryStringDecoder q, final String name)
    {
        final List<String> values = q.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
