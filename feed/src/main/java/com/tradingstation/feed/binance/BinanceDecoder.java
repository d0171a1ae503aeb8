package com.tradingstation.feed.binance;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.fixedpoint.FixedPointParser;
import com.tradingstation.core.fixedpoint.ParseError;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.json.JsonCursor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static com.tradingstation.core.event.EventLayout.*;

/**
 * Decodes Binance market-data JSON (combined-stream envelopes or bare events, spot, USD-M and
 * COIN-M variants, and REST depth snapshots) into fixed-point ring events, without allocating.
 * <p>
 * Recognised: {@code depthUpdate}, {@code bookTicker} (spot's has no {@code "e"}), {@code trade},
 * {@code aggTrade}, and snapshots ({@code lastUpdateId} + {@code bids} + {@code asks}). Anything else
 * is counted ({@link #unknownEvents()}, {@link #unknownFields()}) and skipped; bad input is
 * counted by {@link MalformedReason} and skipped; no exception leaves {@link #onMessage}.
 * <p>
 * Venue: given explicitly, or inferred per message from the variant's fields: a diff with
 * {@code pu} is futures, with {@code ps} COIN-M; a bookTicker without {@code "e"} is spot; a trade
 * with {@code "M"} is spot; a snapshot with {@code pair} is COIN-M, with {@code E}/{@code T} USD-M.
 * A snapshot without a symbol (spot and USD-M REST answers have none) belongs to the venue's
 * most recent depth instrument; one that arrives before any diff waits for the first diff.
 * <p>
 * Threading: one decoding thread. Allocation: only when a new instrument is registered, or when a
 * symbol-less snapshot must wait for its first diff and is larger than any that waited before.
 */
public final class BinanceDecoder
{
    /** Default bound of levels per side of one message (REST snapshots go up to 5000). */
    public static final int DEFAULT_MAX_LEVELS = 10_000;

    private static final long K_STREAM = JsonCursor.code("stream");
    private static final long K_DATA = JsonCursor.code("data");
    private static final long K_e = JsonCursor.code("e");
    private static final long K_E = JsonCursor.code("E");
    private static final long K_T = JsonCursor.code("T");
    private static final long K_s = JsonCursor.code("s");
    private static final long K_SYMBOL = JsonCursor.code("symbol");
    private static final long K_PAIR = JsonCursor.code("pair");
    private static final long K_ps = JsonCursor.code("ps");
    private static final long K_U = JsonCursor.code("U");
    private static final long K_u = JsonCursor.code("u");
    private static final long K_pu = JsonCursor.code("pu");
    private static final long K_LAST_UPDATE_ID = JsonCursor.code("lastUpdateId");
    private static final long K_b = JsonCursor.code("b");
    private static final long K_a = JsonCursor.code("a");
    private static final long K_BIDS = JsonCursor.code("bids");
    private static final long K_ASKS = JsonCursor.code("asks");
    private static final long K_B = JsonCursor.code("B");
    private static final long K_A = JsonCursor.code("A");
    private static final long K_t = JsonCursor.code("t");
    private static final long K_p = JsonCursor.code("p");
    private static final long K_q = JsonCursor.code("q");
    private static final long K_m = JsonCursor.code("m");
    private static final long K_M = JsonCursor.code("M");
    private static final long K_X = JsonCursor.code("X");
    private static final long K_f = JsonCursor.code("f");
    private static final long K_l = JsonCursor.code("l");

    private static final long E_DEPTH = JsonCursor.code("depthUpdate");
    private static final long E_BOOK_TICKER = JsonCursor.code("bookTicker");
    private static final long E_TRADE = JsonCursor.code("trade");
    private static final long E_AGG_TRADE = JsonCursor.code("aggTrade");
    private static final long E_SERVER_SHUTDOWN = JsonCursor.code("serverShutdown");

    private static final Venue[] ALL_VENUES = Venue.values();
    private static final int VENUES = ALL_VENUES.length;

    private static final int LEVELS_SYNTAX = -1;
    private static final int LEVELS_BAD_NUMBER = -2;
    private static final int LEVELS_TOO_MANY = -3;
    private static final int LEVELS_FALLBACK = -4;

    private final InstrumentRegistry registry;
    private final EventSink sink;
    private final Venue venueOverride;
    private final int maxLevels;
    private final JsonCursor cursor = new JsonCursor();
    private final FixedPointParser parser = new FixedPointParser();
    private final UnsafeBuffer event;
    private final long[] malformed = new long[MalformedReason.values().length];
    private final long[] malformedByInstrument;
    private final int[] lastDepthInstrument = new int[VENUES];
    private final byte[][] deferredSnapshot = new byte[VENUES][];
    private final int[] deferredSnapshotLength = new int[VENUES];
    private final long[] deferredSnapshotTimeNs = new long[VENUES];

    private long messages;
    private long unknownEvents;
    private long unknownFields;
    private long deferredSnapshots;
    private long serverShutdowns;
    private long unlisted;
    // Per call: the venue a live connection knows, and the instrument a REST snapshot was asked for.
    private Venue callVenue;
    private int callInstrument = -1;

    // Fields of the message being decoded.
    private long eventCode;
    private boolean hasEventType;
    private long eventTimeMs;
    private boolean hasEventTime;
    private long transactTimeMs;
    private boolean hasTransactTime;
    private int symbolStart;
    private int symbolEnd;
    private boolean hasPs;
    private boolean hasPair;
    private boolean hasSpotMarker;
    private long firstId;
    private boolean hasFirstId;
    private long lastId;
    private boolean hasLastId;
    private long prevId;
    private boolean hasPrevId;
    private long snapshotId;
    private boolean hasSnapshotId;
    private int bidsPos;
    private int asksPos;
    private int bidStrStart;
    private int bidStrEnd;
    private int bidQtyStart;
    private int bidQtyEnd;
    private int askStrStart;
    private int askStrEnd;
    private int askQtyStart;
    private int askQtyEnd;
    private long tradeId;
    private boolean hasTradeId;
    private int priceStart;
    private int priceEnd;
    private int qtyStart;
    private int qtyEnd;
    private boolean buyerMaker;
    private int directId;
    private boolean bidsDirect;
    private boolean asksDirect;
    private int bidResult;
    private int askResult;

    /**
     * @param registry      instruments, registered on first sight.
     * @param sink          receives decoded events.
     * @param venueOverride the venue of every message, or null to infer it per message.
     * @param maxLevels     bound of levels per side of one message.
     */
    public BinanceDecoder(
        final InstrumentRegistry registry, final EventSink sink, final Venue venueOverride, final int maxLevels)
    {
        this.registry = registry;
        this.sink = sink;
        this.venueOverride = venueOverride;
        this.maxLevels = maxLevels;
        this.event = new UnsafeBuffer(new byte[EventLayout.depthLength(maxLevels, maxLevels)]);
        this.malformedByInstrument = new long[registry.capacity()];
        Arrays.fill(lastDepthInstrument, -1);
    }

    /**
     * Decoder inferring venues, with {@link #DEFAULT_MAX_LEVELS}.
     *
     * @param registry instruments.
     * @param sink     receives decoded events.
     */
    public BinanceDecoder(final InstrumentRegistry registry, final EventSink sink)
    {
        this(registry, sink, null, DEFAULT_MAX_LEVELS);
    }

    /**
     * Decode one JSON message.
     *
     * @param buffer        bytes.
     * @param offset        first byte of the JSON.
     * @param length        JSON length.
     * @param receiveTimeNs local receive time (capture timestamp), or 0.
     */
    public void onMessage(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        messages++;
        try
        {
            decode(buffer, offset, length, receiveTimeNs);
        }
        catch (final RuntimeException ex)
        {
            malformed(MalformedReason.INTERNAL, -1);
        }
    }

    /**
     * Decode one message of a known venue (a live connection knows which venue it is connected to,
     * so nothing is inferred from the message's fields).
     *
     * @param venue         the venue that sent it.
     * @param buffer        bytes.
     * @param offset        first byte of the JSON.
     * @param length        JSON length.
     * @param receiveTimeNs local receive time, epoch ns.
     */
    public void onMessage(
        final Venue venue, final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        callVenue = venue;
        try
        {
            onMessage(buffer, offset, length, receiveTimeNs);
        }
        finally
        {
            callVenue = null;
        }
    }

    /**
     * Decode a REST depth snapshot requested for one instrument: spot and USD-M answers carry no
     * symbol, so the instrument that was asked for is the one it belongs to.
     *
     * @param instrumentId  the instrument the snapshot was requested for.
     * @param buffer        bytes of the response body.
     * @param offset        first byte of the JSON.
     * @param length        JSON length.
     * @param receiveTimeNs local receive time, epoch ns.
     */
    public void onSnapshot(
        final int instrumentId, final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final Instrument instrument = registry.get(instrumentId);
        if (instrument == null)
        {
            messages++;
            malformed(MalformedReason.MISSING_FIELD, -1);
            return;
        }
        callInstrument = instrumentId;
        callVenue = instrument.venue();
        try
        {
            onMessage(buffer, offset, length, receiveTimeNs);
        }
        finally
        {
            callInstrument = -1;
            callVenue = null;
        }
    }

    /**
     * Count a message the reader had to skip before decoding (for example an over-long line).
     *
     * @param reason why.
     */
    public void onSkipped(final MalformedReason reason)
    {
        messages++;
        malformed(reason, -1);
    }

    private void decode(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        resetFields();
        final JsonCursor c = cursor.wrap(buffer, offset, length);
        parseObject(c, 0);
        if (c.failed() || !c.atEnd())
        {
            malformed(MalformedReason.SYNTAX, knownInstrument(buffer));
            return;
        }
        if (hasSnapshotId && bidsPos >= 0 && asksPos >= 0)
        {
            onSnapshot(buffer, offset, length, receiveTimeNs);
        }
        else if (hasEventType)
        {
            if (eventCode == E_DEPTH)
            {
                onDepth(buffer, receiveTimeNs);
            }
            else if (eventCode == E_BOOK_TICKER)
            {
                onTicker(buffer, receiveTimeNs);
            }
            else if (eventCode == E_TRADE || eventCode == E_AGG_TRADE)
            {
                onTrade(buffer, receiveTimeNs, eventCode == E_AGG_TRADE);
            }
            else if (eventCode == E_SERVER_SHUTDOWN)
            {
                serverShutdowns++; // spot announces a restart; the connection that carried it acts on the count
            }
            else
            {
                unknownEvents++;
            }
        }
        else if (hasLastId && bidStrStart >= 0 && askStrStart >= 0)
        {
            onTicker(buffer, receiveTimeNs); // spot bookTicker carries no "e"
        }
        else
        {
            unknownEvents++;
        }
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
                    eventCode = c.stringCode();
                    hasEventType = true;
                }
            }
            else if (k == K_E)
            {
                eventTimeMs = c.readLong();
                hasEventTime = true;
            }
            else if (k == K_T)
            {
                transactTimeMs = c.readLong();
                hasTransactTime = true;
            }
            else if (k == K_s || k == K_SYMBOL)
            {
                if (c.readString())
                {
                    symbolStart = c.stringStart();
                    symbolEnd = c.stringEnd();
                }
            }
            else if (k == K_U)
            {
                firstId = c.readLong();
                hasFirstId = true;
            }
            else if (k == K_u)
            {
                lastId = c.readLong();
                hasLastId = true;
            }
            else if (k == K_pu)
            {
                prevId = c.readLong();
                hasPrevId = true;
            }
            else if (k == K_LAST_UPDATE_ID)
            {
                snapshotId = c.readLong();
                hasSnapshotId = true;
            }
            else if (k == K_b || k == K_BIDS)
            {
                final int next = c.peek();
                if (next == '[')
                {
                    bidsPos = c.position();
                    if (k == K_b && directInstrument() >= 0)
                    {
                        // Single pass: the instrument (and so its scale) is already known.
                        bidResult = parseLevels(bidsPos, registry.get(directId), DEPTH_LEVELS);
                        bidsDirect = true;
                        if (bidResult < 0)
                        {
                            c.position(bidsPos);
                            c.skipValue();
                        }
                    }
                    else
                    {
                        c.skipValue();
                    }
                }
                else if (c.readString())
                {
                    bidStrStart = c.stringStart();
                    bidStrEnd = c.stringEnd();
                }
            }
            else if (k == K_a || k == K_ASKS)
            {
                final int next = c.peek();
                if (next == '[')
                {
                    asksPos = c.position();
                    if (k == K_a && bidsDirect && bidResult >= 0)
                    {
                        askResult = parseLevels(
                            asksPos, registry.get(directId), DEPTH_LEVELS + bidResult * LEVEL_LENGTH);
                        asksDirect = true;
                        if (askResult < 0)
                        {
                            c.position(asksPos);
                            c.skipValue();
                        }
                    }
                    else
                    {
                        c.skipValue();
                    }
                }
                else if (next == '"')
                {
                    if (c.readString())
                    {
                        askStrStart = c.stringStart();
                        askStrEnd = c.stringEnd();
                    }
                }
                else
                {
                    tradeId = c.readLong(); // aggTrade: aggregate trade id
                    hasTradeId = true;
                }
            }
            else if (k == K_B)
            {
                if (c.readString())
                {
                    bidQtyStart = c.stringStart();
                    bidQtyEnd = c.stringEnd();
                }
            }
            else if (k == K_A)
            {
                if (c.readString())
                {
                    askQtyStart = c.stringStart();
                    askQtyEnd = c.stringEnd();
                }
            }
            else if (k == K_t)
            {
                tradeId = c.readLong();
                hasTradeId = true;
            }
            else if (k == K_p)
            {
                if (c.readString())
                {
                    priceStart = c.stringStart();
                    priceEnd = c.stringEnd();
                }
            }
            else if (k == K_q)
            {
                if (c.readString())
                {
                    qtyStart = c.stringStart();
                    qtyEnd = c.stringEnd();
                }
            }
            else if (k == K_m)
            {
                buyerMaker = c.readBoolean();
            }
            else if (k == K_M)
            {
                hasSpotMarker = true;
                c.skipValue();
            }
            else if (k == K_ps)
            {
                hasPs = true;
                c.skipValue();
            }
            else if (k == K_PAIR)
            {
                hasPair = true;
                c.skipValue();
            }
            else if (k == K_STREAM || k == K_X || k == K_f || k == K_l)
            {
                c.skipValue();
            }
            else
            {
                unknownFields++;
                c.skipValue();
            }
        }
    }

    /**
     * The instrument of a depthUpdate as far as its fields so far tell (Binance sends "e", "s",
     * "ps" and "pu" before the level arrays), without registering: -1 when unknown yet.
     */
    private int directInstrument()
    {
        if (directId == -2)
        {
            directId = -1;
            if (hasEventType && eventCode == E_DEPTH && symbolStart >= 0)
            {
                directId = registry.find(depthVenue(), cursor.buffer(), symbolStart, symbolEnd - symbolStart);
            }
        }
        return directId;
    }

    private Venue forcedVenue()
    {
        return callVenue != null ? callVenue : venueOverride;
    }

    private Venue depthVenue()
    {
        return forcedVenue() != null ? forcedVenue() :
            hasPrevId ? (hasPs ? Venue.BINANCE_COINM : Venue.BINANCE_USDM) : Venue.BINANCE_SPOT;
    }

    private void onDepth(final byte[] buffer, final long receiveTimeNs)
    {
        if (symbolStart < 0 || !hasFirstId || !hasLastId || bidsPos < 0 || asksPos < 0)
        {
            malformed(MalformedReason.MISSING_FIELD, knownInstrument(buffer));
            return;
        }
        final Venue venue = depthVenue();
        if (venue.rule() == com.tradingstation.core.sync.SequencingRule.BINANCE_FUTURES && !hasPrevId)
        {
            malformed(MalformedReason.MISSING_FIELD, knownInstrument(buffer));
            return;
        }
        final int id = resolve(venue, buffer);
        if (id < 0)
        {
            return;
        }
        if (!encodeBook(buffer, id, firstId, lastId, hasPrevId ? prevId : -1, receiveTimeNs, EventType.DEPTH))
        {
            return;
        }
        lastDepthInstrument[venue.ordinal()] = id;
        final int deferredLength = deferredSnapshotLength[venue.ordinal()];
        if (deferredLength > 0)
        {
            deferredSnapshotLength[venue.ordinal()] = 0;
            // Already counted when it arrived; decode it now that its symbol is known.
            decode(deferredSnapshot[venue.ordinal()], 0, deferredLength, deferredSnapshotTimeNs[venue.ordinal()]);
        }
    }

    private void onSnapshot(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final Venue venue = forcedVenue() != null ? forcedVenue() :
            hasPair ? Venue.BINANCE_COINM : (hasEventTime || hasTransactTime) ? Venue.BINANCE_USDM : Venue.BINANCE_SPOT;
        final int id;
        if (callInstrument >= 0)
        {
            id = callInstrument;
        }
        else if (symbolStart >= 0)
        {
            id = resolve(venue, buffer);
            if (id < 0)
            {
                return;
            }
        }
        else
        {
            id = lastDepthInstrument[venue.ordinal()];
            if (id < 0)
            {
                // No diff seen yet on this venue: keep the snapshot until the first diff names its symbol.
                deferredSnapshots++;
                byte[] keep = deferredSnapshot[venue.ordinal()];
                if (keep == null || keep.length < length)
                {
                    keep = new byte[Math.max(length, 64 * 1024)];
                    deferredSnapshot[venue.ordinal()] = keep;
                }
                System.arraycopy(buffer, offset, keep, 0, length);
                deferredSnapshotLength[venue.ordinal()] = length;
                deferredSnapshotTimeNs[venue.ordinal()] = receiveTimeNs;
                return;
            }
        }
        encodeBook(buffer, id, snapshotId, snapshotId, -1, receiveTimeNs, EventType.SNAPSHOT);
    }

    private boolean encodeBook(
        final byte[] buffer, final int id, final long first, final long last, final long prev, final long receiveTimeNs,
        final int type)
    {
        final Instrument instrument = registry.get(id);
        final boolean direct = bidsDirect && directId == id;
        final int bidCount = direct ? bidResult : parseLevels(bidsPos, instrument, DEPTH_LEVELS);
        if (bidCount < 0)
        {
            return levelsFailed(bidCount, id);
        }
        final int askCount = direct && asksDirect ? askResult :
            parseLevels(asksPos, instrument, DEPTH_LEVELS + bidCount * LEVEL_LENGTH);
        if (askCount < 0)
        {
            return levelsFailed(askCount, id);
        }
        EventLayout.putDepthHeader(event, 0, id, bidCount, askCount, first, last, prev,
            hasEventTime ? eventTimeMs : 0, receiveTimeNs);
        sink.onEvent(type, event, 0, EventLayout.depthLength(bidCount, askCount));
        return true;
    }

    private boolean levelsFailed(final int code, final int id)
    {
        malformed(code == LEVELS_BAD_NUMBER ? MalformedReason.BAD_NUMBER :
            code == LEVELS_TOO_MANY ? MalformedReason.TOO_MANY_LEVELS : MalformedReason.SYNTAX, id);
        return false;
    }

    /**
     * Parse a level array into the event buffer, leaving the cursor after it.
     *
     * @return levels parsed, or a negative LEVELS_ code.
     */
    private int parseLevels(final int position, final Instrument instrument, final int targetOffset)
    {
        final int fast = parseLevelsFast(position, instrument, targetOffset);
        return fast != LEVELS_FALLBACK ? fast : parseLevelsGeneral(position, instrument, targetOffset);
    }

    /**
     * The exact shape Binance sends, {@code [["p","q"],...]} without whitespace, in one pass over
     * the bytes with number parsing fused into the string scan. Anything else falls back.
     */
    private int parseLevelsFast(final int position, final Instrument instrument, final int targetOffset)
    {
        final byte[] b = cursor.buffer();
        final int end = cursor.limit();
        final FixedPointParser p = parser;
        final UnsafeBuffer out = event;
        final int priceScale = instrument.priceScale();
        final int qtyScale = instrument.qtyScale();
        int i = position;
        if (i + 1 >= end || b[i] != '[')
        {
            return LEVELS_FALLBACK;
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
                return LEVELS_FALLBACK;
            }
            final long price = p.parseQuoted(b, i + 1, end, priceScale);
            if (price == FixedPointParser.INVALID)
            {
                return p.lastError() == ParseError.NONE ? LEVELS_FALLBACK : LEVELS_BAD_NUMBER;
            }
            i = p.quotedEnd();
            if (i >= end || b[i] != ',')
            {
                return LEVELS_FALLBACK;
            }
            final long qty = p.parseQuoted(b, i + 1, end, qtyScale);
            if (qty == FixedPointParser.INVALID)
            {
                return p.lastError() == ParseError.NONE ? LEVELS_FALLBACK : LEVELS_BAD_NUMBER;
            }
            i = p.quotedEnd();
            if (i >= end || b[i] != ']')
            {
                return LEVELS_FALLBACK;
            }
            if (count == maxLevels)
            {
                return LEVELS_TOO_MANY;
            }
            if (price > L2Book.MAX_PRICE)
            {
                return LEVELS_BAD_NUMBER;
            }
            out.putLong(pos, price);
            out.putLong(pos + 8, qty);
            pos += LEVEL_LENGTH;
            count++;
            i++;
            if (i >= end)
            {
                return LEVELS_FALLBACK;
            }
            if (b[i] == ']')
            {
                cursor.position(i + 1);
                return count;
            }
            if (b[i] != ',')
            {
                return LEVELS_FALLBACK;
            }
            i++;
        }
    }

    private int parseLevelsGeneral(final int position, final Instrument instrument, final int targetOffset)
    {
        final JsonCursor c = cursor;
        c.position(position);
        final byte[] buf = c.buffer();
        final UnsafeBuffer out = event;
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
                return LEVELS_TOO_MANY;
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
                return LEVELS_BAD_NUMBER;
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
        return c.failed() ? LEVELS_SYNTAX : count;
    }

    private void onTicker(final byte[] buffer, final long receiveTimeNs)
    {
        if (symbolStart < 0 || !hasLastId || bidStrStart < 0 || askStrStart < 0 || bidQtyStart < 0 || askQtyStart < 0)
        {
            malformed(MalformedReason.MISSING_FIELD, knownInstrument(buffer));
            return;
        }
        final Venue venue = forcedVenue() != null ? forcedVenue() :
            !hasEventType ? Venue.BINANCE_SPOT : (hasPs ? Venue.BINANCE_COINM : Venue.BINANCE_USDM);
        final int id = resolve(venue, buffer);
        if (id < 0)
        {
            return;
        }
        final Instrument instrument = registry.get(id);
        final long bidPrice = parser.parseUnsigned(buffer, bidStrStart, bidStrEnd, instrument.priceScale());
        final long bidQty = parser.parseUnsigned(buffer, bidQtyStart, bidQtyEnd, instrument.qtyScale());
        final long askPrice = parser.parseUnsigned(buffer, askStrStart, askStrEnd, instrument.priceScale());
        final long askQty = parser.parseUnsigned(buffer, askQtyStart, askQtyEnd, instrument.qtyScale());
        if (bidPrice < 0 || bidQty < 0 || askPrice < 0 || askQty < 0 || bidPrice > L2Book.MAX_PRICE ||
            askPrice > L2Book.MAX_PRICE)
        {
            malformed(MalformedReason.BAD_NUMBER, id);
            return;
        }
        final UnsafeBuffer out = event;
        out.putInt(INSTRUMENT_ID, id);
        out.putInt(4, 0);
        out.putLong(TICKER_UPDATE_ID, lastId);
        out.putLong(TICKER_BID_PRICE, bidPrice);
        out.putLong(TICKER_BID_QTY, bidQty);
        out.putLong(TICKER_ASK_PRICE, askPrice);
        out.putLong(TICKER_ASK_QTY, askQty);
        out.putLong(TICKER_EVENT_TIME_MS, hasEventTime ? eventTimeMs : 0);
        out.putLong(TICKER_RECEIVE_TIME_NS, receiveTimeNs);
        sink.onEvent(EventType.BOOK_TICKER, out, 0, TICKER_LENGTH);
    }

    private void onTrade(final byte[] buffer, final long receiveTimeNs, final boolean aggregated)
    {
        if (symbolStart < 0 || !hasTradeId || priceStart < 0 || qtyStart < 0)
        {
            malformed(MalformedReason.MISSING_FIELD, knownInstrument(buffer));
            return;
        }
        final Venue venue = forcedVenue() != null ? forcedVenue() :
            hasSpotMarker ? Venue.BINANCE_SPOT : (isCoinMarginedSymbol(buffer) ? Venue.BINANCE_COINM : Venue.BINANCE_USDM);
        final int id = resolve(venue, buffer);
        if (id < 0)
        {
            return;
        }
        final Instrument instrument = registry.get(id);
        final long price = parser.parseUnsigned(buffer, priceStart, priceEnd, instrument.priceScale());
        final long qty = parser.parseUnsigned(buffer, qtyStart, qtyEnd, instrument.qtyScale());
        if (price < 0 || qty < 0)
        {
            malformed(MalformedReason.BAD_NUMBER, id);
            return;
        }
        final UnsafeBuffer out = event;
        out.putInt(INSTRUMENT_ID, id);
        out.putInt(TRADE_FLAGS, (buyerMaker ? TRADE_FLAG_BUYER_MAKER : 0) | (aggregated ? TRADE_FLAG_AGGREGATED : 0));
        out.putLong(TRADE_ID, tradeId);
        out.putLong(TRADE_PRICE, price);
        out.putLong(TRADE_QTY, qty);
        out.putLong(TRADE_TIME_MS, hasTransactTime ? transactTimeMs : 0);
        out.putLong(TRADE_EVENT_TIME_MS, hasEventTime ? eventTimeMs : 0);
        out.putLong(TRADE_RECEIVE_TIME_NS, receiveTimeNs);
        sink.onEvent(EventType.TRADE, out, 0, TRADE_LENGTH);
    }

    /**
     * COIN-M symbols are {@code <base>USD_<PERP|yymmdd>}; USD-M delivery symbols end in USDT/USDC
     * before the underscore.
     */
    private boolean isCoinMarginedSymbol(final byte[] buffer)
    {
        for (int i = symbolStart; i < symbolEnd; i++)
        {
            if (buffer[i] == '_')
            {
                return i - symbolStart >= 3 && buffer[i - 3] == 'U' && buffer[i - 2] == 'S' && buffer[i - 1] == 'D';
            }
        }
        return false;
    }

    private int resolve(final Venue venue, final byte[] buffer)
    {
        final int id = registry.findOrRegister(venue, buffer, symbolStart, symbolEnd - symbolStart);
        if (id == InstrumentRegistry.NOT_ALLOWED)
        {
            unlisted++; // a real symbol the station was not asked for: skipped, counted, not malformed
        }
        else if (id == InstrumentRegistry.BAD_SYMBOL)
        {
            malformed(MalformedReason.BAD_SYMBOL, -1);
        }
        else if (id < 0)
        {
            malformed(MalformedReason.REGISTRY_FULL, -1);
        }
        return id;
    }

    private int knownInstrument(final byte[] buffer)
    {
        if (symbolStart < 0 || symbolEnd <= symbolStart)
        {
            return -1;
        }
        if (forcedVenue() != null)
        {
            return registry.find(forcedVenue(), buffer, symbolStart, symbolEnd - symbolStart);
        }
        // A malformed message may lack the fields that tell its venue: blame a book only when one
        // venue has the symbol (BTCUSDT trades on spot and USD-M alike).
        int found = -1;
        for (final Venue v : ALL_VENUES)
        {
            final int id = registry.find(v, buffer, symbolStart, symbolEnd - symbolStart);
            if (id >= 0)
            {
                if (found >= 0)
                {
                    return -1;
                }
                found = id;
            }
        }
        return found;
    }

    private void malformed(final MalformedReason reason, final int instrumentId)
    {
        malformed[reason.ordinal()]++;
        if (instrumentId >= 0)
        {
            malformedByInstrument[instrumentId]++;
        }
    }

    private void resetFields()
    {
        hasEventType = false;
        hasEventTime = false;
        hasTransactTime = false;
        symbolStart = -1;
        symbolEnd = -1;
        hasPs = false;
        hasPair = false;
        hasSpotMarker = false;
        hasFirstId = false;
        hasLastId = false;
        hasPrevId = false;
        hasSnapshotId = false;
        bidsPos = -1;
        asksPos = -1;
        bidStrStart = -1;
        bidQtyStart = -1;
        askStrStart = -1;
        askQtyStart = -1;
        hasTradeId = false;
        priceStart = -1;
        qtyStart = -1;
        buyerMaker = false;
        directId = -2;
        bidsDirect = false;
        asksDirect = false;
    }

    /** @return messages seen (decoded, skipped or malformed). */
    public long messages()
    {
        return messages;
    }

    /**
     * @param reason a reason.
     * @return messages skipped for it.
     */
    public long malformed(final MalformedReason reason)
    {
        return malformed[reason.ordinal()];
    }

    /** @return messages skipped as malformed, every reason added up. */
    public long malformedTotal()
    {
        long sum = 0;
        for (final long m : malformed)
        {
            sum += m;
        }
        return sum;
    }

    /**
     * @param instrumentId an instrument.
     * @return malformed messages attributed to it.
     */
    public long malformedFor(final int instrumentId)
    {
        return malformedByInstrument[instrumentId];
    }

    /** @return well-formed messages of an event type the decoder does not handle. */
    public long unknownEvents()
    {
        return unknownEvents;
    }

    /** @return fields the decoder does not know (skipped). */
    public long unknownFields()
    {
        return unknownFields;
    }

    /** @return symbol-less snapshots that had to wait for their venue's first diff. */
    public long deferredSnapshots()
    {
        return deferredSnapshots;
    }

    /** @return messages skipped because their symbol is not on the registry's allow-list. */
    public long unlisted()
    {
        return unlisted;
    }

    /** @return {@code serverShutdown} events seen (spot sends one before it closes a connection). */
    public long serverShutdowns()
    {
        return serverShutdowns;
    }

    /** @return the fixed-point parser, for its per-reason reject counters. */
    public FixedPointParser numberParser()
    {
        return parser;
    }

    /**
     * Forget counters and deferred snapshots (instruments stay registered). Allocates nothing.
     */
    public void reset()
    {
        messages = unknownEvents = unknownFields = deferredSnapshots = unlisted = 0;
        Arrays.fill(malformed, 0);
        Arrays.fill(malformedByInstrument, 0);
        Arrays.fill(lastDepthInstrument, -1);
        Arrays.fill(deferredSnapshotLength, 0);
    }
}
