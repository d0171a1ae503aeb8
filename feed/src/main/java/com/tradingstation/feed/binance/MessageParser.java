package com.tradingstation.feed.binance;

import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.feed.json.JsonCursor;

import static com.tradingstation.feed.binance.BinanceKeys.*;

/**
 * Reads one Binance JSON object (a combined-stream envelope's {@code data} or a bare event) into a
 * {@link BinanceMessage}: which keys it has and where their values are. Unknown keys are counted
 * and skipped. A diff's level arrays are handed to the {@link EventEncoder} as soon as they are
 * reached when its instrument is already known (Binance sends {@code "e"}, {@code "s"},
 * {@code "ps"} and {@code "pu"} before them), so the common case reads them once.
 * <p>
 * Threading: the decoding thread only. Allocation: none.
 */
final class MessageParser
{
    /** {@code "e"} of a diff. */
    static final long E_DEPTH = JsonCursor.code("depthUpdate");
    /** {@code "e"} of a futures bookTicker. */
    static final long E_BOOK_TICKER = JsonCursor.code("bookTicker");
    /** {@code "e"} of a trade. */
    static final long E_TRADE = JsonCursor.code("trade");
    /** {@code "e"} of an aggregated trade. */
    static final long E_AGG_TRADE = JsonCursor.code("aggTrade");
    /** {@code "e"} of spot's restart notice. */
    static final long E_SERVER_SHUTDOWN = JsonCursor.code("serverShutdown");

    private final JsonCursor cursor;
    private final BinanceMessage m;
    private final InstrumentRegistry registry;
    private final VenueInference venues;
    private final EventEncoder encoder;
    private long unknownFieldCount;

    /**
     * @param parts   the decoder's cursor to read with, the message the fields go to, and the
     *                instruments (looked up, never registered) and venue rules for the single-pass
     *                level parse.
     * @param encoder parses a diff's levels as soon as its instrument is known.
     */
    MessageParser(final DecoderParts parts, final EventEncoder encoder)
    {
        this.cursor = parts.cursor();
        this.m = parts.message();
        this.registry = parts.registry();
        this.venues = parts.venues();
        this.encoder = encoder;
    }

    /**
     * Reset the message and read one JSON text into it.
     *
     * @param buffer bytes.
     * @param offset first byte of the JSON.
     * @param length JSON length.
     * @return false when the text is not one well-formed JSON object.
     */
    boolean parse(final byte[] buffer, final int offset, final int length)
    {
        m.reset();
        final JsonCursor c = cursor.wrap(buffer, offset, length);
        parseObject(c, 0);
        return !c.failed() && c.atEnd();
    }

    /** @return keys the parser does not know (skipped). */
    long unknownFieldCount()
    {
        return unknownFieldCount;
    }

    void reset()
    {
        unknownFieldCount = 0;
    }

    private void parseObject(final JsonCursor c, final int depth)
    {
        if (!c.beginObject())
        {
            return;
        }
        boolean first = true;
        while (c.nextKey(first))
        {
            first = false;
            final long k = c.keyCode();
            if (k == K_DATA && depth == 0)
            {
                if (c.peek() == '{')
                {
                    parseObject(c, 1);
                }
                else
                {
                    c.skipValue();
                }
            }
            else if (k == K_e)
            {
                if (c.readString())
                {
                    m.eventCode = c.stringCode();
                    m.hasEventType = true;
                }
            }
            else if (!numberField(c, k) && !stringField(c, k) && !sideField(c, k) && !flagField(c, k))
            {
                unknownFieldCount++;
                c.skipValue();
            }
        }
    }

    /** Times and ids. */
    private boolean numberField(final JsonCursor c, final long k)
    {
        final BinanceMessage.LongField field = k == K_E ? m.eventTimeMs : k == K_T ? m.transactTimeMs :
            k == K_U ? m.firstId : k == K_u ? m.lastId : k == K_pu ? m.prevId :
            k == K_LAST_UPDATE_ID ? m.snapshotId : k == K_t ? m.tradeId : null;
        if (field == null)
        {
            return false;
        }
        field.read(c);
        return true;
    }

    /** The symbol, a bookTicker's quantities, a trade's price and quantity. */
    private boolean stringField(final JsonCursor c, final long k)
    {
        final BinanceMessage.Span span = k == K_s || k == K_SYMBOL ? m.symbol : k == K_B ? m.bidQty :
            k == K_A ? m.askQty : k == K_p ? m.price : k == K_q ? m.qty : null;
        if (span == null)
        {
            return false;
        }
        span.read(c);
        return true;
    }

    /**
     * Bid and ask keys: level arrays of a diff or snapshot, best price strings of a bookTicker, and
     * {@code "a"} is also an aggTrade's id.
     */
    private boolean sideField(final JsonCursor c, final long k)
    {
        if (k == K_b || k == K_BIDS)
        {
            final int next = c.peek();
            if (next == '[')
            {
                m.bidsPos = c.position();
                if (k == K_b && directInstrument() >= 0)
                {
                    encoder.directBids();
                }
                else
                {
                    c.skipValue();
                }
            }
            else
            {
                m.bidPrice.read(c);
            }
        }
        else if (k == K_a || k == K_ASKS)
        {
            final int next = c.peek();
            if (next == '[')
            {
                m.asksPos = c.position();
                if (k == K_a && m.bidsDirect && m.bidResult >= 0)
                {
                    encoder.directAsks();
                }
                else
                {
                    c.skipValue();
                }
            }
            else if (next == '"')
            {
                m.askPrice.read(c);
            }
            else
            {
                m.tradeId.read(c); // aggTrade: aggregate trade id
            }
        }
        else
        {
            return false;
        }
        return true;
    }

    /**
     * A trade's buyer-is-maker flag, keys whose presence alone matters (venue markers), and known
     * keys the decoder ignores.
     */
    private boolean flagField(final JsonCursor c, final long k)
    {
        if (k == K_m)
        {
            m.buyerMaker = c.readBoolean();
            return true;
        }
        if (k == K_M)
        {
            m.hasSpotMarker = true;
        }
        else if (k == K_ps)
        {
            m.hasPs = true;
        }
        else if (k == K_PAIR)
        {
            m.hasPair = true;
        }
        else if (k != K_STREAM && k != K_X && k != K_f && k != K_l)
        {
            return false;
        }
        c.skipValue();
        return true;
    }

    /**
     * The instrument of a depthUpdate as far as its fields so far tell, without registering: -1
     * when unknown yet.
     */
    private int directInstrument()
    {
        if (m.directId == -2)
        {
            m.directId = -1;
            if (m.hasEventType && m.eventCode == E_DEPTH && m.symbol.start >= 0)
            {
                m.directId = registry.find(venues.depth(m), cursor.buffer(), m.symbol.start, m.symbolLength());
            }
        }
        return m.directId;
    }
}
