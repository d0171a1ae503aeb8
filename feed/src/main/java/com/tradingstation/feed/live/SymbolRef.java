package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Symbols;
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
        return parse(text, true);
    }

    /**
     * An allow-list for replays: comma-separated {@code SYMBOL} (on every venue) or
     * {@code VENUE:SYMBOL} items; symbols are upper-cased as typed.
     *
     * @param text the list.
     * @return the items in order without duplicates; a null venue means every venue.
     * @throws IllegalArgumentException on an empty list, an unknown venue or a symbol outside
     *                                  the venue alphabet.
     */
    public static List<SymbolRef> parseFilter(final String text)
    {
        return parse(text, false);
    }

    private static List<SymbolRef> parse(final String text, final boolean venueRequired)
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
            if (venueRequired && (colon <= 0 || colon == item.length() - 1))
            {
                throw new IllegalArgumentException("symbol must look like binance-spot:BTCUSDT: " + item);
            }
            final SymbolRef ref = colon < 0 ? parse(null, item)
                : parse(item.substring(0, colon), item.substring(colon + 1));
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

    private static SymbolRef parse(final String venueId, final String rawSymbol)
    {
        final Venue venue = venueId == null ? null : Venue.fromId(venueId.trim());
        final String symbol = rawSymbol.trim().toUpperCase(Locale.ROOT);
        Symbols.require(symbol);
        return new SymbolRef(venue, symbol);
    }

    @Override
    public String toString()
    {
        return venue == null ? symbol : venue.id() + ":" + symbol;
    }
}
