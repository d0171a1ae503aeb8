package com.tradingstation.sim;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.feed.pipeline.StationPipeline;

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
     * @param levelsJson   {@code "bids":[...],"asks":[...]}.
     */
    record Depth(long lastUpdateId, String levelsJson)
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
        pipeline(line.symbol.venue).onMessage(line.data, 0, line.data.length, line.receiveNs);
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
        final StringBuilder sb = new StringBuilder(64 + 48 * limit);
        if (id < 0)
        {
            return new Depth(0, "\"bids\":[],\"asks\":[]");
        }
        final InstrumentBook ib = p.engine().book(id);
        final Instrument instrument = ib.instrument();
        final L2Book book = ib.book();
        sb.append("\"bids\":[");
        levels(sb, book.bids(), limit, instrument, symbol);
        sb.append("],\"asks\":[");
        levels(sb, book.asks(), limit, instrument, symbol);
        sb.append(']');
        return new Depth(book.lastUpdateId(), sb.toString());
    }

    private static void levels(
        final StringBuilder sb, final BookSide side, final int limit, final Instrument instrument, final SimSymbol symbol)
    {
        final int n = Math.min(limit, side.size());
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append("[\"");
            decimal(sb, side.price(i), instrument.priceScale(), symbol.rawPriceDecimals);
            sb.append("\",\"");
            decimal(sb, side.qty(i), instrument.qtyScale(), symbol.rawQtyDecimals);
            sb.append("\"]");
        }
    }

    /**
     * Append a mantissa padded with zeros to {@code decimals} places, as the venue writes its numbers
     * (spot always 8, futures the contract's precision).
     *
     * @param sb       destination.
     * @param mantissa value.
     * @param scale    decimals the mantissa carries.
     * @param decimals decimals to write at least.
     */
    static void decimal(final StringBuilder sb, final long mantissa, final int scale, final int decimals)
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
    }

    private StationPipeline pipeline(final Venue venue)
    {
        return pipelines.computeIfAbsent(venue, v -> new StationPipeline(v, 0, false));
    }
}
