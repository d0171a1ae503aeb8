package com.tradingstation.wire;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.wire.sbe.Aggressor;
import com.tradingstation.wire.sbe.BookLevelUpdateEncoder;
import com.tradingstation.wire.sbe.BookSnapshotEncoder;
import com.tradingstation.wire.sbe.BookState;
import com.tradingstation.wire.sbe.HeartbeatEncoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionEncoder;
import com.tradingstation.wire.sbe.InstrumentStatusEncoder;
import com.tradingstation.wire.sbe.MessageHeaderEncoder;
import com.tradingstation.wire.sbe.Side;
import com.tradingstation.wire.sbe.TopOfBookEncoder;
import com.tradingstation.wire.sbe.TradeEncoder;
import com.tradingstation.wire.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static com.tradingstation.core.event.EventLayout.*;

/**
 * Publishes what the book thread does as SBE packets on two channels: incremental (level updates,
 * tops, trades, statuses, definitions) and snapshot (whole books, round-robin). It is a
 * {@link BookListener} for the events and an {@link Agent} for the rest, both run on the book
 * thread: {@link #doWork()} sends the batch the duty cycle built, heartbeats on idle channels,
 * repeated definitions and the next snapshot.
 * <p>
 * Consistency: a snapshot is taken between two events after the incremental packet in progress was
 * sent, and names the last incremental sequence it reflects, so a subscriber that applies the
 * snapshot and then the incremental packets after that sequence has the station's book.
 * <p>
 * Per-instrument sequence: every book message (level update, top of book, status) carries its
 * instrument's {@code bookSeq}, 1, 2, 3 ... with no holes; definitions and snapshots carry the last
 * one sent. A subscriber that lost a datagram finds the hole on the instruments it carried.
 * <p>
 * Allocation: none in steady state (snapshot scratch arrays grow to the deepest book once).
 */
public final class UdpPublisher implements BookListener, Agent, AutoCloseable
{
    private static final int LEVEL_UPDATE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        BookLevelUpdateEncoder.BLOCK_LENGTH;
    private static final int TOP_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + TopOfBookEncoder.BLOCK_LENGTH;
    private static final int TRADE_LENGTH_BYTES = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH;
    private static final int STATUS_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + InstrumentStatusEncoder.BLOCK_LENGTH;
    private static final int DEFINITION_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        InstrumentDefinitionEncoder.BLOCK_LENGTH;
    private static final int HEARTBEAT_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + HeartbeatEncoder.BLOCK_LENGTH;
    private static final int SNAPSHOT_FIXED_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + BookSnapshotEncoder.BLOCK_LENGTH +
        BookSnapshotEncoder.LevelsEncoder.sbeHeaderSize();
    private static final int SNAPSHOT_LEVEL_LENGTH = BookSnapshotEncoder.LevelsEncoder.sbeBlockLength();

    private final PacketSender incremental;
    private final PacketSender snapshot;
    private final InstrumentRegistry registry;
    private final BookEngine engine;
    private final NanoClock timer;
    private final long heartbeatIntervalNs;
    private final long definitionIntervalNs;
    private final long snapshotIntervalNs;
    private final int levelsPerPart;
    private final List<String> warnings;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookLevelUpdateEncoder levelUpdate = new BookLevelUpdateEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final InstrumentStatusEncoder status = new InstrumentStatusEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final BookSnapshotEncoder snapshotEncoder = new BookSnapshotEncoder();

    private boolean[] defined = new boolean[0];
    private byte[][] symbols = new byte[0][];
    /** Per instrument: bookSeq of the last book message written (level update, top, status). */
    private long[] bookSeqs = new long[0];
    private long[] bidPrices = new long[1024];
    private long[] bidQtys = new long[1024];
    private long[] askPrices = new long[1024];
    private long[] askQtys = new long[1024];

    private long nextDefinitionsNs;
    private long nextSnapshotNs;
    private int snapshotCursor;
    private long snapshotCount;

    /**
     * @param config      payload size and timings.
     * @param incremental sender of the incremental channel.
     * @param snapshot    sender of the snapshot channel.
     * @param registry    instruments (for definitions).
     * @param engine      the books (for snapshots; read on the book thread only).
     * @param warnings    what opening the sockets reported (kept for {@link #warnings()}).
     */
    public UdpPublisher(
        final WireConfig config, final PacketSender incremental, final PacketSender snapshot,
        final InstrumentRegistry registry, final BookEngine engine, final List<String> warnings)
    {
        this(config, incremental, snapshot, registry, engine, warnings, SystemNanoClock.INSTANCE);
    }

    /**
     * @param config      payload size and timings.
     * @param incremental sender of the incremental channel.
     * @param snapshot    sender of the snapshot channel.
     * @param registry    instruments (for definitions).
     * @param engine      the books (for snapshots; read on the book thread only).
     * @param warnings    what opening the sockets reported (kept for {@link #warnings()}).
     * @param timer       clock of heartbeats, definitions and snapshots (the senders' timer too).
     */
    public UdpPublisher(
        final WireConfig config, final PacketSender incremental, final PacketSender snapshot,
        final InstrumentRegistry registry, final BookEngine engine, final List<String> warnings, final NanoClock timer)
    {
        this.timer = timer;
        this.incremental = incremental;
        this.snapshot = snapshot;
        this.registry = registry;
        this.engine = engine;
        this.heartbeatIntervalNs = config.heartbeatIntervalMs() * 1_000_000L;
        this.definitionIntervalNs = config.definitionIntervalMs() * 1_000_000L;
        this.snapshotIntervalNs = config.snapshotsPerSecond() == 0 ? Long.MAX_VALUE
            : 1_000_000_000L / config.snapshotsPerSecond();
        // Each snapshot packet: definition frame, then one snapshot frame holding as many levels as fit.
        final int forLevels = snapshot.capacity() - (WireProtocol.FRAME_LENGTH_SIZE + DEFINITION_LENGTH) -
            WireProtocol.FRAME_LENGTH_SIZE - SNAPSHOT_FIXED_LENGTH;
        this.levelsPerPart = Math.max(1, Math.min(65535, forLevels / SNAPSHOT_LEVEL_LENGTH));
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Open both channels' sockets and build a publisher.
     *
     * @param config   addresses, interface, buffers, timings.
     * @param registry instruments.
     * @param engine   the books.
     * @return the publisher; {@link #warnings()} says when a socket buffer was capped.
     * @throws IOException when a socket cannot be opened.
     */
    public static UdpPublisher open(final WireConfig config, final InstrumentRegistry registry, final BookEngine engine)
        throws IOException
    {
        return open(config, registry, engine, SystemNanoClock.INSTANCE);
    }

    /**
     * Open both channels' sockets and build a publisher whose intervals follow {@code timer}
     * (tests replaying a session in its own time pass a clock they advance).
     *
     * @param config   addresses, interface, buffers, timings.
     * @param registry instruments.
     * @param engine   the books.
     * @param timer    clock of heartbeats, definitions and snapshots.
     * @return the publisher.
     * @throws IOException when a socket cannot be opened.
     */
    public static UdpPublisher open(
        final WireConfig config, final InstrumentRegistry registry, final BookEngine engine, final NanoClock timer)
        throws IOException
    {
        final List<String> warnings = new ArrayList<>();
        final EpochNanoClock clock = new SystemEpochNanoClock();
        final PacketSender inc = new PacketSender(WireProtocol.CHANNEL_INCREMENTAL,
            UdpTransport.openSender(config.incremental(), config, warnings), clock, timer, config.maxPayloadBytes());
        final PacketSender snap;
        try
        {
            snap = new PacketSender(WireProtocol.CHANNEL_SNAPSHOT,
                UdpTransport.openSender(config.snapshot(), config, warnings), clock, timer, config.maxPayloadBytes());
        }
        catch (final IOException | RuntimeException ex)
        {
            inc.close();
            throw ex;
        }
        return new UdpPublisher(config, inc, snap, registry, engine, warnings, timer);
    }

    /**
     * @param hook drops chosen packets on either channel (tests).
     */
    public void lossHook(final PacketLossHook hook)
    {
        incremental.lossHook(hook);
        snapshot.lossHook(hook);
    }

    // ------------------------------------------------------------------ book thread events

    @Override
    public void onLevelsApplied(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        final int id = book.instrument().id();
        ensureDefined(id);
        final int bidCount = buffer.getInt(offset + DEPTH_BID_COUNT);
        final int total = bidCount + buffer.getInt(offset + DEPTH_ASK_COUNT);
        final long updateId = buffer.getLong(offset + DEPTH_LAST_ID);
        int pos = offset + DEPTH_LEVELS;
        for (int i = 0; i < total; i++, pos += LEVEL_LENGTH)
        {
            final int at = incremental.claim(LEVEL_UPDATE_LENGTH);
            levelUpdate.wrapAndApplyHeader(incremental.buffer(), at, header)
                .instrumentId(id)
                .side(i < bidCount ? Side.BID : Side.ASK)
                .flags((short)(i == total - 1 ? WireProtocol.FLAG_END_OF_UPDATE : 0))
                .updateId(updateId)
                .price(buffer.getLong(pos))
                .qty(buffer.getLong(pos + 8))
                .bookSeq(++bookSeqs[id]);
        }
    }

    @Override
    public void onBookUpdated(final InstrumentBook book)
    {
        final int id = book.instrument().id();
        ensureDefined(id);
        final L2Book l2 = book.book();
        final BookSide bids = l2.bids();
        final BookSide asks = l2.asks();
        final int at = incremental.claim(TOP_LENGTH);
        top.wrapAndApplyHeader(incremental.buffer(), at, header)
            .instrumentId(id)
            .updateId(l2.lastUpdateId())
            .bidPrice(bids.bestPrice()) // an empty side gives L2Book.NO_PRICE == WireProtocol.NO_PRICE and 0
            .bidQty(bids.bestQty())
            .askPrice(asks.bestPrice())
            .askQty(asks.bestQty())
            .bookSeq(++bookSeqs[id]);
    }

    @Override
    public void onTrade(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        final int id = book.instrument().id();
        ensureDefined(id);
        final boolean buyerMaker = (buffer.getInt(offset + TRADE_FLAGS) & TRADE_FLAG_BUYER_MAKER) != 0;
        final int at = incremental.claim(TRADE_LENGTH_BYTES);
        trade.wrapAndApplyHeader(incremental.buffer(), at, header)
            .instrumentId(id)
            .aggressor(buyerMaker ? Aggressor.SELL : Aggressor.BUY)
            .tradeId(buffer.getLong(offset + TRADE_ID))
            .price(buffer.getLong(offset + TRADE_PRICE))
            .qty(buffer.getLong(offset + TRADE_QTY))
            .exchangeTimeNs(buffer.getLong(offset + TRADE_TIME_MS) * 1_000_000L);
    }

    @Override
    public void onStateChanged(final InstrumentBook book, final SyncState newState)
    {
        // SYNCING means the book was replaced from a venue snapshot: subscribers must drop theirs too
        // and take a snapshot taken after this point (the status's packet sets that bound).
        final int id = book.instrument().id();
        ensureDefined(id);
        final int at = incremental.claim(STATUS_LENGTH);
        status.wrapAndApplyHeader(incremental.buffer(), at, header)
            .instrumentId(id)
            .state(newState == SyncState.LIVE ? BookState.LIVE : BookState.STALE)
            .updateId(book.book().lastUpdateId())
            .bookSeq(++bookSeqs[id]);
    }

    // ------------------------------------------------------------------ duty cycle

    @Override
    public int doWork()
    {
        int work = incremental.flush() ? 1 : 0;
        final long now = timer.nanoTime();
        if (now - nextDefinitionsNs >= 0)
        {
            nextDefinitionsNs = now + definitionIntervalNs;
            for (int id = 0, n = registry.size(); id < n; id++)
            {
                writeDefinition(incremental, id);
            }
            work += incremental.flush() ? 1 : 0;
        }
        if (now - nextSnapshotNs >= 0)
        {
            nextSnapshotNs = now + snapshotIntervalNs;
            work += snapshotNext();
        }
        work += heartbeatIfIdle(incremental, now);
        work += heartbeatIfIdle(snapshot, now);
        return work;
    }

    @Override
    public void onClose()
    {
        incremental.flush();
    }

    @Override
    public String roleName()
    {
        return "station-udp";
    }

    /**
     * Send the batch in progress now (the duty cycle does this; for callers driving events inline).
     */
    public void flush()
    {
        incremental.flush();
    }

    private int heartbeatIfIdle(final PacketSender sender, final long now)
    {
        if (now - sender.lastSendNs() < heartbeatIntervalNs)
        {
            return 0;
        }
        final int at = sender.claim(HEARTBEAT_LENGTH);
        heartbeat.wrapAndApplyHeader(sender.buffer(), at, header).lastIncrementalSeq(incremental.lastSequence());
        sender.flush();
        return 1;
    }

    /**
     * Snapshot the next instrument whose book is usable (not awaiting a venue snapshot).
     *
     * @return packets sent.
     */
    private int snapshotNext()
    {
        final int n = registry.size();
        for (int tried = 0; tried < n; tried++)
        {
            final int id = snapshotCursor;
            snapshotCursor = (snapshotCursor + 1) % n;
            final InstrumentBook book = engine.book(id);
            if (book != null && book.state() != SyncState.AWAITING_SNAPSHOT)
            {
                return snapshot(id, book);
            }
        }
        return 0;
    }

    /**
     * Send one instrument's whole book on the snapshot channel, one part per packet.
     *
     * @param id   instrument id.
     * @param book its book.
     * @return packets sent.
     */
    public int snapshot(final int id, final InstrumentBook book)
    {
        ensureDefined(id);
        incremental.flush(); // the snapshot reflects every incremental packet up to lastSequence()
        final long lastIncrementalSeq = incremental.lastSequence();
        final L2Book l2 = book.book();
        final int bidCount = copySide(l2.bids(), true);
        final int askCount = copySide(l2.asks(), false);
        final int total = bidCount + askCount;
        final int parts = Math.max(1, (total + levelsPerPart - 1) / levelsPerPart);
        int level = 0;
        for (int part = 0; part < parts; part++)
        {
            final int count = Math.min(levelsPerPart, total - level);
            writeDefinition(snapshot, id);
            final int at = snapshot.claim(SNAPSHOT_FIXED_LENGTH + count * SNAPSHOT_LEVEL_LENGTH);
            final BookSnapshotEncoder.LevelsEncoder levels = snapshotEncoder
                .wrapAndApplyHeader(snapshot.buffer(), at, header)
                .instrumentId(id)
                .part(part)
                .partCount(parts)
                .updateId(l2.lastUpdateId())
                .lastIncrementalSeq(lastIncrementalSeq)
                .bookSeq(bookSeqs[id])
                .levelsCount(count);
            for (int i = 0; i < count; i++, level++)
            {
                final boolean bid = level < bidCount;
                final int k = bid ? level : level - bidCount;
                levels.next()
                    .side(bid ? Side.BID : Side.ASK)
                    .price(bid ? bidPrices[k] : askPrices[k])
                    .qty(bid ? bidQtys[k] : askQtys[k]);
            }
            snapshot.flush();
        }
        snapshotCount++;
        return parts;
    }

    private int copySide(final BookSide side, final boolean bid)
    {
        final int size = side.size();
        if (size > (bid ? bidPrices.length : askPrices.length))
        {
            final int capacity = Integer.highestOneBit(size) << 1;
            if (bid)
            {
                bidPrices = new long[capacity];
                bidQtys = new long[capacity];
            }
            else
            {
                askPrices = new long[capacity];
                askQtys = new long[capacity];
            }
        }
        return bid ? side.top(bidPrices, bidQtys, size) : side.top(askPrices, askQtys, size);
    }

    private void ensureDefined(final int id)
    {
        if (id >= defined.length)
        {
            grow(id);
        }
        if (!defined[id])
        {
            defined[id] = true;
            writeDefinition(incremental, id);
        }
    }

    private void grow(final int id)
    {
        final int capacity = Math.max(64, Integer.highestOneBit(id) << 1);
        defined = java.util.Arrays.copyOf(defined, capacity);
        symbols = java.util.Arrays.copyOf(symbols, capacity);
        bookSeqs = java.util.Arrays.copyOf(bookSeqs, capacity);
    }

    private void writeDefinition(final PacketSender sender, final int id)
    {
        final Instrument instrument = registry.get(id);
        if (id >= symbols.length)
        {
            grow(id);
        }
        byte[] symbolBytes = symbols[id];
        if (symbolBytes == null)
        {
            // Padded with NUL to the field's length once per instrument; names longer than it are cut.
            symbolBytes = new byte[InstrumentDefinitionEncoder.symbolLength()];
            final byte[] ascii = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(ascii, 0, symbolBytes, 0, Math.min(ascii.length, symbolBytes.length));
            symbols[id] = symbolBytes;
        }
        final int at = sender.claim(DEFINITION_LENGTH);
        definition.wrapAndApplyHeader(sender.buffer(), at, header)
            .instrumentId(id)
            .venue(Venue.get((short)instrument.venue().ordinal()))
            .priceExponent((byte)-instrument.priceScale())
            .qtyExponent((byte)-instrument.qtyScale())
            .putSymbol(symbolBytes, 0)
            .bookSeq(bookSeqs[id]);
    }

    // ------------------------------------------------------------------ counters

    /** @return the incremental channel's sender (counters). */
    public PacketSender incremental()
    {
        return incremental;
    }

    /** @return the snapshot channel's sender (counters). */
    public PacketSender snapshotSender()
    {
        return snapshot;
    }

    /** @return books snapshotted. */
    public long snapshotCount()
    {
        return snapshotCount;
    }

    /** @return socket warnings (buffers capped by the kernel), one line each. */
    public List<String> warnings()
    {
        return warnings;
    }

    @Override
    public void close() throws IOException
    {
        UdpTransport.closeBoth(incremental, snapshot);
    }
}
