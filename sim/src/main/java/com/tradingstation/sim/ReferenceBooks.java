package com.tradingstation.sim;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.json.JsonWriter;

import java.util.EnumMap;
import java.util.Map;

/**
 * The book a depth request is answered from: per venue an inline {@link StationPipeline} seeded with
 * each symbol's first capture snapshot and fed every diff as the timeline sends it (and later
 * capture snapshots), so an answer is always consistent with the frames already on the wire.
 * <p>
 * Threading: the timeline thread applies, the REST threads read; one monitor guards both because
 * a depth answer must not see a half-applied diff. Rendering an answer allocates (REST path).
 */
final class ReferenceBooks
{
    private final Map<Venue, StationPipeline> pipelines = new EnumMap<>(Venue.class);

    /**
     * A rendered depth answer.
     *
     * @param lastUpdateId the book's update id.
     * @param bids         the bid levels, a JSON array {@code [["price","qty"],...]}.
     * @param asks         the ask levels, likewise.
     */
    record Depth(long lastUpdateId, String bids, String asks)
    {
    }

    /**
     * Load a symbol's first snapshot (before the timeline starts).
     *
     * @param symbol the symbol.
     */
    synchronized void seed(final SimSymbol symbol)
    {
        if (symbol.firstSnapshot != null)
        {
            pipeline(symbol.venue).onMessage(symbol.firstSnapshot, 0, symbol.firstSnapshot.length, 0);
        }
    }

    /**
     * Apply a diff or a later snapshot the timeline is sending.
     *
     * @param line a DEPTH or SNAPSHOT line.
     */
    synchronized void apply(final SimLine line)
    {
        pipeline(line.symbol().venue).onMessage(line.data(), 0, line.data().length, line.receiveNs());
    }

    /**
     * @param symbol the symbol.
     * @param limit  levels per side at most.
     * @return the answer's update id and levels, prices and quantities written with the session's decimals.
     */
    synchronized Depth depth(final SimSymbol symbol, final int limit)
    {
        final StationPipeline p = pipeline(symbol.venue);
        final int id = p.registry().find(symbol.venue, symbol.symbol);
        if (id < 0)
        {
            return new Depth(0, "[]", "[]");
        }
        final InstrumentBook ib = p.engine().book(id);
        final Instrument instrument = ib.instrument();
        final L2Book book = ib.book();
        final JsonWriter w = new JsonWriter(new StringBuilder(32 + 48 * limit));
        final String bids = levels(w, book.bids(), limit, instrument, symbol);
        final String asks = levels(w.reset(), book.asks(), limit, instrument, symbol);
        return new Depth(book.lastUpdateId(), bids, asks);
    }

    private static String levels(
        final JsonWriter w, final BookSide side, final int limit, final Instrument instrument, final SimSymbol symbol)
    {
        w.beginArray();
        final int n = Math.min(limit, side.size());
        for (int i = 0; i < n; i++)
        {
            w.beginArray();
            decimal(w.valueBuilder().append('"'), side.price(i), instrument.priceScale(), symbol.rawPriceDecimals)
                .append('"');
            decimal(w.valueBuilder().append('"'), side.qty(i), instrument.qtyScale(), symbol.rawQtyDecimals)
                .append('"');
            w.endArray();
        }
        return w.endArray().toString();
    }

    /**
     * Append a mantissa padded with zeros to {@code decimals} places, as the venue writes its numbers
     * (spot always 8, futures the contract's precision).
     *
     * @param sb       destination.
     * @param mantissa value.
     * @param scale    decimals the mantissa carries.
     * @param decimals decimals to write at least.
     * @return the destination.
     */
    static StringBuilder decimal(final StringBuilder sb, final long mantissa, final int scale, final int decimals)
    {
        final int start = sb.length();
        FixedPoint.appendPlain(sb, mantissa, scale);
        int dot = -1;
        for (int i = start; i < sb.length(); i++)
        {
            if (sb.charAt(i) == '.')
            {
                dot = i;
                break;
            }
        }
        int have = dot < 0 ? 0 : sb.length() - dot - 1;
        if (have < decimals && dot < 0)
        {
            sb.append('.');
        }
        while (have < decimals)
        {
            sb.append('0');
            have++;
        }
        return sb;
    }

    private StationPipeline pipeline(final Venue venue)
    {
        return pipelines.computeIfAbsent(venue, v -> new StationPipeline(v, 0, false));
    }
}
