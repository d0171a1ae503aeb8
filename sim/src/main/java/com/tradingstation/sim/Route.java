package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket request path and the stream names it carries: {@code [/spot|/usdm|/coinm][/public|/market]}
 * then {@code /stream?streams=a/b} (combined) or {@code /ws[/a/b]} (raw). Resolves stream names to
 * session symbols with the venue's routing: spot and COIN-M at the root (COIN-M symbols contain
 * {@code _}); USD-M, since its base URL split, depth and bookTicker only under {@code /public} and
 * trades only under {@code /market}. Immutable; stateless apart from the session maps it reads.
 *
 * @param pinned   venue named by a leading segment, or null.
 * @param group    USD-M path group.
 * @param combined combined ({@code /stream}) or raw ({@code /ws}) framing.
 * @param streams  stream names given in the path or query.
 * @param path     the request path without its query.
 */
record Route(Venue pinned, Group group, boolean combined, List<String> streams, String path)
{
    /** Which USD-M path group a request used. */
    enum Group
    {
        /** No group segment. */
        ROOT,
        /** {@code /public}: depth and bookTicker. */
        PUBLIC,
        /** {@code /market}: trade and aggTrade. */
        MARKET
    }

    /**
     * @param uri request URI.
     * @return the route, or null when the path is not a WebSocket endpoint.
     */
    static Route parse(final String uri)
    {
        final QueryStringDecoder q = new QueryStringDecoder(uri);
        final String path = q.path();
        final List<String> segments = new ArrayList<>();
        for (final String s : path.split("/"))
        {
            if (!s.isEmpty())
            {
                segments.add(s);
            }
        }
        int i = 0;
        Venue pinned = null;
        if (i < segments.size())
        {
            pinned = switch (segments.get(i))
            {
                case "spot" -> Venue.BINANCE_SPOT;
                case "usdm" -> Venue.BINANCE_USDM;
                case "coinm" -> Venue.BINANCE_COINM;
                default -> null;
            };
            if (pinned != null)
            {
                i++;
            }
        }
        Group group = Group.ROOT;
        if (i < segments.size() && (segments.get(i).equals("public") || segments.get(i).equals("market")))
        {
            group = segments.get(i).equals("public") ? Group.PUBLIC : Group.MARKET;
            i++;
        }
        if (i >= segments.size())
        {
            return null;
        }
        final String endpoint = segments.get(i++);
        final List<String> streams = new ArrayList<>();
        if (endpoint.equals("stream"))
        {
            if (i != segments.size())
            {
                return null;
            }
            final List<String> values = q.parameters().get("streams");
            if (values != null)
            {
                for (final String v : values)
                {
                    for (final String s : v.split("/"))
                    {
                        if (!s.isEmpty())
                        {
                            streams.add(s);
                        }
                    }
                }
            }
            return new Route(pinned, group, true, List.copyOf(streams), path);
        }
        if (endpoint.equals("ws"))
        {
            streams.addAll(segments.subList(i, segments.size()));
            return new Route(pinned, group, false, List.copyOf(streams), path);
        }
        return null;
    }

    /**
     * @return the venue whose ping and message limits apply before any stream says otherwise.
     */
    Venue defaultVenue()
    {
        if (group != Group.ROOT)
        {
            return Venue.BINANCE_USDM;
        }
        return pinned != null ? pinned : Venue.BINANCE_SPOT;
    }

    /**
     * @param name    a stream name.
     * @param symbols the sessions' symbols by venue, then upper-case name.
     * @return the subscription.
     * @throws IllegalArgumentException with the reason when this path does not serve that stream.
     */
    Subscription resolve(final String name, final Map<Venue, Map<String, SimSymbol>> symbols)
    {
        final int at = name.indexOf('@');
        if (at <= 0)
        {
            throw new IllegalArgumentException("Invalid stream name '" + name + "'");
        }
        if (!name.substring(0, at).equals(name.substring(0, at).toLowerCase(Locale.ROOT)))
        {
            throw new IllegalArgumentException("Invalid stream name '" + name +
                "': symbols in stream names are lower case");
        }
        final String symbolName = name.substring(0, at).toUpperCase(Locale.ROOT);
        final String suffix = name.substring(at + 1);
        final StreamKind kind;
        boolean futuresOnly = false;
        switch (suffix)
        {
            case "depth", "depth@100ms", "depth@500ms" -> kind = StreamKind.DEPTH;
            case "depth@0ms", "depth@250ms" ->
            {
                kind = StreamKind.DEPTH;
                futuresOnly = true;
            }
            case "bookTicker" -> kind = StreamKind.BOOK_TICKER;
            case "trade", "aggTrade" -> kind = StreamKind.TRADE;
            default -> throw new IllegalArgumentException("Unknown stream '" + name + "'");
        }
        final Venue venue;
        if (group != Group.ROOT)
        {
            if (pinned != null && pinned != Venue.BINANCE_USDM)
            {
                throw new IllegalArgumentException("/" + group.name().toLowerCase(Locale.ROOT) +
                    " serves USD-M streams only");
            }
            venue = Venue.BINANCE_USDM;
        }
        else if (pinned == Venue.BINANCE_USDM)
        {
            throw new IllegalArgumentException(usdmSplit(name));
        }
        else if (pinned != null)
        {
            venue = pinned;
        }
        else
        {
            final Venue guess = symbolName.indexOf('_') >= 0 ? Venue.BINANCE_COINM : Venue.BINANCE_SPOT;
            if (!has(symbols, guess, symbolName) && has(symbols, Venue.BINANCE_USDM, symbolName))
            {
                throw new IllegalArgumentException(usdmSplit(name));
            }
            venue = guess;
        }
        final SimSymbol symbol = symbols.getOrDefault(venue, Map.of()).get(symbolName);
        if (symbol == null || (futuresOnly && venue == Venue.BINANCE_SPOT))
        {
            throw new IllegalArgumentException("Unknown stream '" + name + "'");
        }
        if (venue == Venue.BINANCE_USDM)
        {
            final Group needed = kind == StreamKind.TRADE ? Group.MARKET : Group.PUBLIC;
            if (group != needed)
            {
                throw new IllegalArgumentException(usdmSplit(name));
            }
        }
        return new Subscription(name, symbol, kind);
    }

    private static boolean has(final Map<Venue, Map<String, SimSymbol>> symbols, final Venue venue, final String symbol)
    {
        return symbols.getOrDefault(venue, Map.of()).containsKey(symbol);
    }

    private static String usdmSplit(final String name)
    {
        return "USD-M stream '" + name + "' is served under /public (depth, bookTicker) or /market (trade, aggTrade)";
    }
}
