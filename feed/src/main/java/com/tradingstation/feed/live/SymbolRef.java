package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Venue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A venue and one of its symbols, as given on the command line: {@code binance-spot:BTCUSDT}.
 *
 * @param venue  the venue.
 * @param symbol the symbol, upper case.
 */
public record SymbolRef(Venue venue, String symbol)
{
    /**
     * @param text comma-separated {@code VENUE:SYMBOL} items.
     * @return them, in order, without duplicates.
     * @throws IllegalArgumentException on a malformed item or an unknown venue.
     */
    public static List<SymbolRef> parseList(final String text)
    {
        final List<SymbolRef> out = new ArrayList<>();
        for (final String raw : text.split(","))
        {
            final String item = raw.trim();
            if (item.isEmpty())
            {
                continue;
            }
            final int colon = item.lastIndexOf(':');
            if (colon <= 0 || colon == item.length() - 1)
            {
                throw new IllegalArgumentException("symbol must look like binance-spot:BTCUSDT: " + item);
            }
            final Venue venue = Venue.fromId(item.substring(0, colon));
            final String symbol = item.substring(colon + 1).toUpperCase(Locale.ROOT);
            if (!symbol.matches("[A-Z0-9_\\-]{1,32}"))
            {
                throw new IllegalArgumentException("not a venue symbol (A-Z, 0-9, _ and -, at most 32): " + item);
            }
            final SymbolRef ref = new SymbolRef(venue, symbol);
            if (!out.contains(ref))
            {
                out.add(ref);
            }
        }
        if (out.isEmpty())
        {
            throw new IllegalArgumentException("no symbols given");
        }
        return out;
    }

    @Override
    public String toString()
    {
        return venue.id() + ":" + symbol;
    }
}
