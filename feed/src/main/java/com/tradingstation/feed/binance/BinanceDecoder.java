package com.tradingstation.feed.binance;

import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.fixedpoint.FixedPointParser;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.SequencingRule;
import com.tradingstation.feed.json.JsonCursor;

/**
 * Decodes Binance market-data JSON (combined-stream envelopes or bare events, spot, USD-M and
 * COIN-M variants, and REST depth snapshots) into fixed-point ring events, without allocating.
 * <p>
 * Recognised: {@code depthUpdate}, {@code bookTicker} (spot's has no {@code "e"}), {@code trade},
 * {@code aggTrade}, and snapshots ({@code lastUpdateId} + {@code bids} + {@code asks}). Anything else
 * is counted ({@link #unknownEventCount()}, {@link #unknownFieldCount()}) and skipped; bad input is
 * counted by {@link MalformedReason} and skipped; no exception leaves {@link #onMessage}.
 * <p>
 * Venue: given explicitly, or inferred per message from the variant's fields
 * ({@link VenueInference}). A snapshot without a symbol (spot and USD-M REST answers have none)
 * belongs to the venue's most recent depth instrument; one that arrives before any diff waits for
 * the first diff ({@link SnapshotParking}).
 * <p>
 * The work is split: {@link MessageParser} reads the fields into a {@link BinanceMessage},
 * {@link InstrumentResolver} finds the instrument, {@link EventEncoder} writes the event; this class
 * routes each message by its kind and keeps the counters.
 * <p>
 * Threading: one decoding thread. Allocation: only when a new instrument is registered, or when a
 * symbol-less snapshot must wait for its first diff and is larger than any that waited before.
 */
public final class BinanceDecoder
{
    /** Default bound of levels per side of one message (REST snapshots go up to 5000). */
    public static final int DEFAULT_MAX_LEVELS = 10_000;

    private final InstrumentRegistry registry;
    private final FixedPointParser parser = new FixedPointParser();
    private final BinanceMessage m = new BinanceMessage();
    private final VenueInference venues;
    private final MalformedCounts malformed;
    private final InstrumentResolver instruments;
    private final EventEncoder encoder;
    private final MessageParser messageParser;
    private final SnapshotParking parking = new SnapshotParking();

    private long messages;
    private long unknownEventCount;
    private long serverShutdowns;
    // Per call: the instrument a REST snapshot was asked for.
    private int callInstrument = -1;

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
        this.venues = new VenueInference(venueOverride);
        this.malformed = new MalformedCounts(registry.capacity());
        final DecoderParts parts =
            new DecoderParts(m, new JsonCursor(), registry, parser, venues, malformed, maxLevels);
        this.instruments = new InstrumentResolver(parts);
        this.encoder = new EventEncoder(parts, sink);
        this.messageParser = new MessageParser(parts, encoder);
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
            malformed.record(MalformedReason.INTERNAL, -1);
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
        venues.callVenue(venue);
        try
        {
            onMessage(buffer, offset, length, receiveTimeNs);
        }
        finally
        {
            venues.callVenue(null);
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
            malformed.record(MalformedReason.MISSING_FIELD, -1);
            return;
        }
        callInstrument = instrumentId;
        venues.callVenue(instrument.venue());
        try
        {
            onMessage(buffer, offset, length, receiveTimeNs);
        }
        finally
        {
            callInstrument = -1;
            venues.callVenue(null);
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
        malformed.record(reason, -1);
    }

    private void decode(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (!messageParser.parse(buffer, offset, length))
        {
            malformed.record(MalformedReason.SYNTAX, instruments.known(buffer));
        }
        else if (m.isSnapshot())
        {
            onSnapshot(buffer, offset, length, receiveTimeNs);
        }
        else if (!m.hasEventType)
        {
            if (m.hasTickerFields())
            {
                onTicker(buffer, receiveTimeNs); // spot bookTicker carries no "e"
            }
            else
            {
                unknownEventCount++;
            }
        }
        else if (m.eventCode == MessageParser.E_DEPTH)
        {
            onDepth(buffer, receiveTimeNs);
        }
        else if (m.eventCode == MessageParser.E_BOOK_TICKER)
        {
            onTicker(buffer, receiveTimeNs);
        }
        else if (m.eventCode == MessageParser.E_TRADE || m.eventCode == MessageParser.E_AGG_TRADE)
        {
            onTrade(buffer, receiveTimeNs, m.eventCode == MessageParser.E_AGG_TRADE);
        }
        else if (m.eventCode == MessageParser.E_SERVER_SHUTDOWN)
        {
            serverShutdowns++; // spot announces a restart; the connection that carried it acts on the count
        }
        else
        {
            unknownEventCount++;
        }
    }

    private void onDepth(final byte[] buffer, final long receiveTimeNs)
    {
        final Venue venue = venues.depth(m);
        if (m.symbol.start < 0 || !m.firstId.present || !m.lastId.present || m.bidsPos < 0 || m.asksPos < 0 ||
            (SequencingRule.forVenue(venue) == SequencingRule.BINANCE_FUTURES && !m.prevId.present))
        {
            malformed.record(MalformedReason.MISSING_FIELD, instruments.known(buffer));
            return;
        }
        final int id = instruments.resolve(venue, buffer);
        if (id < 0 ||
            !encoder.book(id, m.firstId.value, m.lastId.value, m.prevId.present ? m.prevId.value : -1, receiveTimeNs,
                EventType.DEPTH))
        {
            return;
        }
        final int parkedLength = parking.onDepth(venue, id);
        if (parkedLength > 0)
        {
            // Already counted when it arrived; decode it now that its symbol is known.
            decode(parking.parked(venue), 0, parkedLength, parking.parkedTimeNs(venue));
        }
    }

    private void onSnapshot(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final Venue venue = venues.snapshot(m);
        final int id;
        if (callInstrument >= 0)
        {
            id = callInstrument;
        }
        else if (m.symbol.start >= 0)
        {
            id = instruments.resolve(venue, buffer);
        }
        else
        {
            id = parking.lastDepthInstrument(venue);
            if (id < 0)
            {
                // No diff seen yet on this venue: keep the snapshot until the first diff names its symbol.
                parking.park(venue, buffer, offset, length, receiveTimeNs);
                return;
            }
        }
        if (id >= 0)
        {
            encoder.book(id, m.snapshotId.value, m.snapshotId.value, -1, receiveTimeNs, EventType.SNAPSHOT);
        }
    }

    private void onTicker(final byte[] buffer, final long receiveTimeNs)
    {
        if (m.symbol.start < 0 || !m.hasTickerFields() || !m.bidQty.present() || !m.askQty.present())
        {
            malformed.record(MalformedReason.MISSING_FIELD, instruments.known(buffer));
            return;
        }
        final int id = instruments.resolve(venues.bookTicker(m), buffer);
        if (id >= 0)
        {
            encoder.bookTicker(buffer, id, receiveTimeNs);
        }
    }

    private void onTrade(final byte[] buffer, final long receiveTimeNs, final boolean aggregated)
    {
        if (m.symbol.start < 0 || !m.tradeId.present || !m.price.present() || !m.qty.present())
        {
            malformed.record(MalformedReason.MISSING_FIELD, instruments.known(buffer));
            return;
        }
        final int id = instruments.resolve(venues.trade(m, buffer), buffer);
        if (id >= 0)
        {
            encoder.trade(buffer, id, receiveTimeNs, aggregated);
        }
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
        return malformed.count(reason);
    }

    /** @return messages skipped as malformed, every reason added up. */
    public long malformedTotal()
    {
        return malformed.total();
    }

    /**
     * @param instrumentId an instrument.
     * @return malformed messages attributed to it.
     */
    public long malformedFor(final int instrumentId)
    {
        return malformed.forInstrument(instrumentId);
    }

    /** @return well-formed messages of an event type the decoder does not handle. */
    public long unknownEventCount()
    {
        return unknownEventCount;
    }

    /** @return fields the decoder does not know (skipped). */
    public long unknownFieldCount()
    {
        return messageParser.unknownFieldCount();
    }

    /** @return symbol-less snapshots that had to wait for their venue's first diff. */
    public long deferredSnapshots()
    {
        return parking.parkedCount();
    }

    /** @return messages skipped because their symbol is not on the registry's allow-list. */
    public long unlisted()
    {
        return instruments.unlisted();
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
        messages = unknownEventCount = 0;
        messageParser.reset();
        parking.reset();
        instruments.reset();
        malformed.reset();
    }
}
