package com.tradingstation.feed.binance;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.fixedpoint.FixedPointParser;
import com.tradingstation.core.fixedpoint.ParseError;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.feed.json.JsonCursor;
import org.agrona.concurrent.AtomicBuffer;

import static com.tradingstation.core.event.EventLayout.LEVEL_LENGTH;

/**
 * Parses a Binance level array ({@code [["price","qty"],...]}) into fixed-point (price, qty) pairs
 * of the event layout, with the instrument's scales. The exact shape Binance sends is parsed in one
 * pass with number parsing fused into the string scan; anything else (whitespace, extra elements
 * per level) goes through the general cursor-based path.
 * <p>
 * Threading: the decoding thread only. Allocation: none.
 */
final class LevelParser
{
    /** The array is not valid JSON of the expected shape. */
    static final int SYNTAX = -1;
    /** A price or quantity is not a valid unsigned decimal for the scale, or a price is out of range. */
    static final int BAD_NUMBER = -2;
    /** More levels than the bound. */
    static final int TOO_MANY = -3;
    private static final int FALLBACK = -4;

    private final JsonCursor cursor;
    private final FixedPointParser parser;
    private final int maxLevels;
    private int failure;

    /**
     * @param parts the decoder's cursor (left after the array once parsed), fixed-point parser and
     *              bound of levels per array.
     */
    LevelParser(final DecoderParts parts)
    {
        this.cursor = parts.cursor();
        this.parser = parts.parser();
        this.maxLevels = parts.maxLevels();
    }

    /**
     * Parse a level array into {@code out}, leaving the cursor after it.
     *
     * @param position     first byte of the array in the cursor's buffer.
     * @param instrument   whose scales apply.
     * @param out          where the levels go.
     * @param targetOffset offset of the first level in {@code out}.
     * @return levels parsed, or {@link #SYNTAX}, {@link #BAD_NUMBER} or {@link #TOO_MANY}.
     */
    int parse(final int position, final Instrument instrument, final AtomicBuffer out, final int targetOffset)
    {
        final int fast = parseFast(position, instrument, out, targetOffset);
        return fast != FALLBACK ? fast : parseGeneral(position, instrument, out, targetOffset);
    }

    /**
     * @param code a negative result of {@link #parse}.
     * @return the reason the message is malformed.
     */
    static MalformedReason reason(final int code)
    {
        return code == BAD_NUMBER ? MalformedReason.BAD_NUMBER :
            code == TOO_MANY ? MalformedReason.TOO_MANY_LEVELS : MalformedReason.SYNTAX;
    }

    private int parseFast(final int position, final Instrument instrument, final AtomicBuffer out,
        final int targetOffset)
    {
        final byte[] b = cursor.buffer();
        final int end = cursor.limit();
        final FixedPointParser p = parser;
        final int priceScale = instrument.priceScale();
        final int qtyScale = instrument.qtyScale();
        int i = position;
        if (i + 1 >= end || b[i] != '[')
        {
            return FALLBACK;
        }
        i++;
        if (b[i] == ']')
        {
            cursor.position(i + 1);
            return 0;
        }
        int count = 0;
        int pos = targetOffset;
        while (true)
        {
            if (i >= end || b[i] != '[')
            {
                return FALLBACK;
            }
            final long price = quotedThen(b, i + 1, end, priceScale, ',');
            if (price == FixedPointParser.INVALID)
            {
                return failure;
            }
            final long qty = quotedThen(b, p.quotedEnd() + 1, end, qtyScale, ']');
            if (qty == FixedPointParser.INVALID)
            {
                return failure;
            }
            i = p.quotedEnd();
            if (count == maxLevels)
            {
                return TOO_MANY;
            }
            if (price > L2Book.MAX_PRICE)
            {
                return BAD_NUMBER;
            }
            out.putLong(pos, price);
            out.putLong(pos + 8, qty);
            pos += LEVEL_LENGTH;
            count++;
            i++;
            if (i >= end)
            {
                return FALLBACK;
            }
            if (b[i] == ']')
            {
                cursor.position(i + 1);
                return count;
            }
            if (b[i] != ',')
            {
                return FALLBACK;
            }
            i++;
        }
    }

    /**
     * One quoted number of a level and the byte after it.
     *
     * @return the number, or INVALID with {@link #failure} set (BAD_NUMBER, or FALLBACK when the
     * bytes are not of the fast shape).
     */
    private long quotedThen(final byte[] b, final int from, final int end, final int scale, final char next)
    {
        final FixedPointParser p = parser;
        final long value = p.parseQuoted(b, from, end, scale);
        if (value == FixedPointParser.INVALID)
        {
            failure = p.lastError() == ParseError.NONE ? FALLBACK : BAD_NUMBER;
            return FixedPointParser.INVALID;
        }
        final int i = p.quotedEnd();
        if (i >= end || b[i] != next)
        {
            failure = FALLBACK;
            return FixedPointParser.INVALID;
        }
        return value;
    }

    private int parseGeneral(
        final int position, final Instrument instrument, final AtomicBuffer out, final int targetOffset)
    {
        final JsonCursor c = cursor;
        c.position(position);
        final byte[] buf = c.buffer();
        final int priceScale = instrument.priceScale();
        final int qtyScale = instrument.qtyScale();
        int count = 0;
        int pos = targetOffset;
        c.beginArray();
        boolean first = true;
        while (c.nextElement(first))
        {
            first = false;
            if (count == maxLevels)
            {
                return TOO_MANY;
            }
            if (!c.beginArray() || !c.readString())
            {
                break;
            }
            final long price = parser.parseUnsigned(buf, c.stringStart(), c.stringEnd(), priceScale);
            if (!c.expect(',') || !c.readString())
            {
                break;
            }
            final long qty = parser.parseUnsigned(buf, c.stringStart(), c.stringEnd(), qtyScale);
            if (price < 0 || qty < 0 || price > L2Book.MAX_PRICE) // INVALID is negative too
            {
                return BAD_NUMBER;
            }
            while (c.nextElement(false))
            {
                c.skipValue(); // tolerate extra elements per level
            }
            out.putLong(pos, price);
            out.putLong(pos + 8, qty);
            pos += LEVEL_LENGTH;
            count++;
        }
        return c.failed() ? SYNTAX : count;
    }
}
