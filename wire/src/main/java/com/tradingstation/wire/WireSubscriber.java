package com.tradingstation.wire;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.wire.sbe.BookLevelUpdateDecoder;
import com.tradingstation.wire.sbe.BookSnapshotDecoder;
import com.tradingstation.wire.sbe.BookState;
import com.tradingstation.wire.sbe.InstrumentDefinitionDecoder;
import com.tradingstation.wire.sbe.InstrumentStatusDecoder;
import com.tradingstation.wire.sbe.MessageHeaderDecoder;
import com.tradingstation.wire.sbe.TopOfBookDecoder;
import com.tradingstation.wire.sbe.TradeDecoder;
import com.tradingstation.wire.sbe.Aggressor;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The subscriber's protocol logic, transport-free: feed it each datagram of the incremental and
 * snapshot channels ({@link UdpSubscriber} does this from sockets) and it keeps every book.
 * <p>
 * Gap recovery, per instrument: every book message carries its instrument's {@code bookSeq} (1, 2,
 * 3 ... with no holes), and a hole in it makes that one book stale. A lost datagram therefore
 * stales only the instruments whose messages it carried, found at the instrument's next book
 * message, at the next repeated definition (which carries the last bookSeq sent), or at its next
 * snapshot, whichever comes first. A stale book is rebuilt from the snapshot channel: a snapshot
 * names the last incremental packet it reflects, S, and the instrument's bookSeq then; when that
 * bookSeq is recent enough, the snapshot replaces the book and the book messages after it, in the
 * incremental packets after S kept in a bounded log of recent packets, are replayed onto it.
 * Messages up to the snapshot's bookSeq that arrive later are skipped for that book.
 * <p>
 * A version-1 publisher sends no bookSeq: a hole in the packet sequence then marks every book
 * stale (nobody can tell whose updates were lost) and a snapshot must reflect the hole.
 * <p>
 * Malformed, foreign or unknown-version packets are rejected whole before anything in them is
 * applied, and counted. Unknown templates inside a good packet are skipped by their frame length.
 * <p>
 * Threading: one thread. Allocation: none per packet once every instrument is known (a definition
 * of a new instrument allocates its book).
 */
public final class WireSubscriber
{
    /** Default bytes of recent incremental packets kept for replay after a snapshot. */
    public static final int DEFAULT_REPLAY_BYTES = 8 * 1024 * 1024;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final SubscriberListener listener;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookLevelUpdateDecoder levelUpdate = new BookLevelUpdateDecoder();
    private final TopOfBookDecoder top = new TopOfBookDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final InstrumentStatusDecoder status = new InstrumentStatusDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final byte[] symbolScratch = new byte[InstrumentDefinitionDecoder.symbolLength()];

    private SubscriberBook[] books = new SubscriberBook[64];
    private final List<SubscriberBook> bookList = new ArrayList<>();

    private final PacketLog packetLog;
    private final PacketLog.Visitor replayVisitor = this::replayPacket;
    private int replayInstrument;
    private boolean replaying;

    private long expectedIncrementalSeq;
    private long contiguousFromSeq;
    private long expectedSnapshotSeq;

    private L2Book staging = new L2Book(1024, 0);
    private int stagingId = -1;
    private int stagingNextPart;
    private long stagingUpdateId;
    private long stagingIncrementalSeq;
    private long stagingBookSeq;

    private long nowNs;
    private final long[] packets = new long[3];
    private final long[] messages = new long[3];
    private final long[] bytes = new long[3];
    private final long[] rejected = new long[RejectReason.values().length];
    private long gaps;
    private long restarts;
    private long lostPackets;
    private long duplicates;
    private long snapshotGaps;
    private long snapshotsApplied;
    private long snapshotsUnusable;
    private long snapshotsDiscarded;
    private long recoveries;
    private long instrumentGaps;
    private long lostBookMessages;
    private long gapsFoundByDefinition;
    private long gapsFoundBySnapshot;
    private long unknownTemplates;
    private long undefinedInstrument;
    private long topChecks;
    private long topMismatches;

    /**
     * @param listener    callbacks.
     * @param replayBytes bytes of recent incremental packets kept for replay after a snapshot.
     */
    public WireSubscriber(final SubscriberListener listener, final int replayBytes)
    {
        this.listener = listener == null ? SubscriberListener.NONE : listener;
        this.packetLog = new PacketLog(replayBytes, replayBytes / 64);
    }

    /**
     * @param listener callbacks.
     */
    public WireSubscriber(final SubscriberListener listener)
    {
        this(listener, DEFAULT_REPLAY_BYTES);
    }

    /**
     * Handle one datagram.
     *
     * @param expectedChannel the channel the socket it came from carries.
     * @param buffer          datagram bytes.
     * @param offset          start.
     * @param length          length.
     * @param receiveNs       {@link System#nanoTime()} at receipt (staleness clock).
     * @return true when accepted, false when rejected (counted in {@link #rejected(RejectReason)}).
     */
    public boolean onPacket(
        final int expectedChannel, final DirectBuffer buffer, final int offset, final int length, final long receiveNs)
    {
        nowNs = receiveNs;
        final RejectReason reason = validate(expectedChannel, buffer, offset, length);
        if (reason != null)
        {
            rejected[reason.ordinal()]++;
            return false;
        }
        packets[expectedChannel]++;
        bytes[expectedChannel] += length;
        messages[expectedChannel] += PacketHeader.messageCount(buffer, offset);
        if (expectedChannel == WireProtocol.CHANNEL_INCREMENTAL)
        {
            onIncremental(buffer, offset, length);
        }
        else
        {
            onSnapshotPacket(buffer, offset, length);
        }
        return true;
    }

    private RejectReason validate(final int expectedChannel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < PacketHeader.LENGTH)
        {
            return RejectReason.TRUNCATED;
        }
        if (PacketHeader.schemaId(buffer, offset) != WireProtocol.SCHEMA_ID)
        {
            return RejectReason.FOREIGN_SCHEMA;
        }
        if (PacketHeader.version(buffer, offset) < WireProtocol.MIN_COMPATIBLE_VERSION)
        {
            return RejectReason.UNKNOWN_VERSION;
        }
        if (PacketHeader.channel(buffer, offset) != expectedChannel)
        {
            return RejectReason.WRONG_CHANNEL;
        }
        final int count = PacketHeader.messageCount(buffer, offset);
        int pos = offset + PacketHeader.LENGTH;
        final int end = offset + length;
        for (int i = 0; i < count; i++)
        {
            if (pos + WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH > end)
            {
                return RejectReason.TRUNCATED;
            }
            final int frameLength = buffer.getShort(pos, LE) & 0xFFFF;
            if (frameLength < WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH || pos + frameLength > end)
            {
                return RejectReason.TRUNCATED;
            }
            header.wrap(buffer, pos + WireProtocol.FRAME_LENGTH_SIZE);
            if (header.schemaId() != WireProtocol.SCHEMA_ID)
            {
                return RejectReason.FOREIGN_SCHEMA;
            }
            if (WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH + header.blockLength() > frameLength ||
                header.blockLength() < minBlockLength(header.templateId(), header.version()))
            {
                return RejectReason.TRUNCATED;
            }
            if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID && !snapshotFits(buffer, pos, frameLength))
            {
                return RejectReason.TRUNCATED;
            }
            pos += frameLength;
        }
        return pos == end ? null : RejectReason.TRUNCATED;
    }

    /**
     * A known template's block holds at least the fields of the message's version: version 1's
     * fields end where {@code bookSeq} (version 2) begins; from version 2 on, this build's whole block.
     */
    private static int minBlockLength(final int templateId, final int version)
    {
        final boolean v1 = version < WireProtocol.BOOK_SEQ_VERSION;
        switch (templateId)
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return v1 ? InstrumentDefinitionDecoder.bookSeqEncodingOffset() : InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case BookLevelUpdateDecoder.TEMPLATE_ID:
                return v1 ? BookLevelUpdateDecoder.bookSeqEncodingOffset() : BookLevelUpdateDecoder.BLOCK_LENGTH;
            case TradeDecoder.TEMPLATE_ID: return TradeDecoder.BLOCK_LENGTH;
            case TopOfBookDecoder.TEMPLATE_ID:
                return v1 ? TopOfBookDecoder.bookSeqEncodingOffset() : TopOfBookDecoder.BLOCK_LENGTH;
            case BookSnapshotDecoder.TEMPLATE_ID:
                return v1 ? BookSnapshotDecoder.bookSeqEncodingOffset() : BookSnapshotDecoder.BLOCK_LENGTH;
            case InstrumentStatusDecoder.TEMPLATE_ID:
                return v1 ? InstrumentStatusDecoder.bookSeqEncodingOffset() : InstrumentStatusDecoder.BLOCK_LENGTH;
            case com.tradingstation.wire.sbe.HeartbeatDecoder.TEMPLATE_ID: return com.tradingstation.wire.sbe.HeartbeatDecoder.BLOCK_LENGTH;
            default: return 0;
        }
    }

    private boolean snapshotFits(final DirectBuffer buffer, final int framePos, final int frameLength)
    {
        final int groupHeader = framePos + WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH +
            header.blockLength();
        final int frameEnd = framePos + frameLength;
        final int groupHeaderSize = BookSnapshotDecoder.LevelsDecoder.sbeHeaderSize();
        if (groupHeader + groupHeaderSize > frameEnd)
        {
            return false;
        }
        final int entryLength = buffer.getShort(groupHeader, LE) & 0xFFFF;
        final int count = buffer.getShort(groupHeader + 2, LE) & 0xFFFF;
        return entryLength >= BookSnapshotDecoder.LevelsDecoder.sbeBlockLength() &&
            groupHeader + groupHeaderSize + (long)entryLength * count <= frameEnd;
    }

    // ------------------------------------------------------------------ incremental channel

    private void onIncremental(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seq = PacketHeader.sequence(buffer, offset);
        if (expectedIncrementalSeq == 0)
        {
            expectedIncrementalSeq = seq;
            contiguousFromSeq = seq;
        }
        if (seq < expectedIncrementalSeq)
        {
            if (seq != 1)
            {
                duplicates++;
                return;
            }
            restart(); // the publisher started again: its instrument ids may have changed
        }
        if (seq > expectedIncrementalSeq)
        {
            gaps++;
            lostPackets += seq - expectedIncrementalSeq;
            contiguousFromSeq = seq;
            if (PacketHeader.version(buffer, offset) < WireProtocol.BOOK_SEQ_VERSION)
            {
                markAllStale(seq - 1); // no bookSeq: nobody can tell whose messages were lost
            }
            // Otherwise each instrument finds the hole in its own bookSeq.
        }
        expectedIncrementalSeq = seq + 1;
        packetLog.append(buffer, offset, length, seq);
        applyIncremental(buffer, offset, seq, -1);
    }

    private void restart()
    {
        restarts++;
        markAllStale(0);
        bookList.clear();
        java.util.Arrays.fill(books, null);
        packetLog.clear();
        expectedIncrementalSeq = 1;
        contiguousFromSeq = 1;
        stagingId = -1;
    }

    /**
     * Apply an incremental packet's messages.
     *
     * @param only instrument to apply to (replay), or -1 for all.
     */
    private void applyIncremental(final DirectBuffer buffer, final int offset, final long seq, final int only)
    {
        final boolean replay = only >= 0;
        final int count = PacketHeader.messageCount(buffer, offset);
        int pos = offset + PacketHeader.LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int frameLength = buffer.getShort(pos, LE) & 0xFFFF;
            final int msg = pos + WireProtocol.FRAME_LENGTH_SIZE;
            pos += frameLength;
            header.wrap(buffer, msg);
            final int body = msg + WireProtocol.MESSAGE_HEADER_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (header.templateId())
            {
                case BookLevelUpdateDecoder.TEMPLATE_ID:
                {
                    levelUpdate.wrap(buffer, body, blockLength, version);
                    final SubscriberBook b = target((int)levelUpdate.instrumentId(), seq, only, levelUpdate.bookSeq());
                    if (b != null)
                    {
                        b.book.set(levelUpdate.side() == com.tradingstation.wire.sbe.Side.BID ? Side.BID : Side.ASK,
                            levelUpdate.price(), levelUpdate.qty());
                        if ((levelUpdate.flags() & WireProtocol.FLAG_END_OF_UPDATE) != 0)
                        {
                            b.book.lastUpdateId(levelUpdate.updateId());
                            if (!replay)
                            {
                                listener.onBookChanged(b);
                            }
                        }
                    }
                    break;
                }
                case TopOfBookDecoder.TEMPLATE_ID:
                {
                    top.wrap(buffer, body, blockLength, version);
                    final SubscriberBook b = target((int)top.instrumentId(), seq, only, top.bookSeq());
                    if (b != null)
                    {
                        b.book.lastUpdateId(top.updateId());
                        topChecks++;
                        final L2Book l2 = b.book;
                        final boolean agree =
                            sideAgrees(l2.bids(), top.bidPrice(), top.bidQty()) && sideAgrees(l2.asks(), top.askPrice(), top.askQty());
                        if (!agree)
                        {
                            topMismatches++;
                        }
                    }
                    break;
                }
                case TradeDecoder.TEMPLATE_ID:
                {
                    trade.wrap(buffer, body, blockLength, version);
                    final SubscriberBook b = book((int)trade.instrumentId());
                    if (b == null)
                    {
                        undefinedInstrument++;
                    }
                    else if (!replay)
                    {
                        listener.onTrade(b, trade.tradeId(), trade.price(), trade.qty(), trade.aggressor() == Aggressor.BUY,
                            trade.exchangeTimeNs());
                    }
                    break;
                }
                case InstrumentStatusDecoder.TEMPLATE_ID:
                {
                    status.wrap(buffer, body, blockLength, version);
                    final long bookSeq = status.bookSeq();
                    final SubscriberBook b = target((int)status.instrumentId(), seq, only, bookSeq);
                    if (b != null && status.state() == BookState.STALE)
                    {
                        // The station's book was replaced: a snapshot must be taken after this status.
                        markStale(b, seq, bookSeq == WireProtocol.NO_BOOK_SEQ ? 0 : bookSeq);
                    }
                    break;
                }
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    definition.wrap(buffer, body, blockLength, version);
                    if (!replay)
                    {
                        define();
                    }
                    checkDefinitionBookSeq(only);
                    break;
                default:
                    if (!replay && header.templateId() != com.tradingstation.wire.sbe.HeartbeatDecoder.TEMPLATE_ID)
                    {
                        unknownTemplates++;
                    }
                    break;
            }
        }
    }

    private static boolean sideAgrees(final com.tradingstation.core.book.BookSide side, final long price, final long qty)
    {
        if (price == WireProtocol.NO_PRICE)
        {
            return side.isEmpty();
        }
        return !side.isEmpty() && side.bestPrice() == price && side.bestQty() == qty;
    }

    /**
     * The book a message should be applied to, or null: unknown instrument, filtered out during a
     * replay, stale, already reflected by the snapshot it was rebuilt from, or after a hole in the
     * instrument's bookSeq (which makes the book stale).
     *
     * @param bookSeq the message's bookSeq, or {@link WireProtocol#NO_BOOK_SEQ} (version 1).
     */
    private SubscriberBook target(final int instrumentId, final long seq, final int only, final long bookSeq)
    {
        if (only >= 0 && instrumentId != only)
        {
            return null;
        }
        final SubscriberBook b = book(instrumentId);
        if (b == null)
        {
            undefinedInstrument++;
            return null;
        }
        if (b.stale)
        {
            return null;
        }
        if (bookSeq == WireProtocol.NO_BOOK_SEQ)
        {
            return seq <= b.skipThroughSeq ? null : b;
        }
        if (bookSeq <= b.bookSeq)
        {
            return null;
        }
        if (bookSeq != b.bookSeq + 1)
        {
            instrumentGap(b, bookSeq - 1 - b.bookSeq, seq - 1, bookSeq - 1);
            return null;
        }
        b.bookSeq = bookSeq;
        return b;
    }

    /**
     * A repeated definition on the incremental channel names the last bookSeq sent for its
     * instrument: a live book behind it lost messages, even when the instrument has gone quiet.
     */
    private void checkDefinitionBookSeq(final int only)
    {
        final int id = (int)definition.instrumentId();
        if (only >= 0 && id != only)
        {
            return;
        }
        final long bookSeq = definition.bookSeq();
        final SubscriberBook b = book(id);
        if (b != null && !b.stale && bookSeq != WireProtocol.NO_BOOK_SEQ && bookSeq > b.bookSeq)
        {
            gapsFoundByDefinition++;
            instrumentGap(b, bookSeq - b.bookSeq, expectedIncrementalSeq - 1, bookSeq);
        }
    }

    /**
     * A hole in one instrument's bookSeq: its book is stale until a snapshot reflects {@code requiredBookSeq}.
     */
    private void instrumentGap(final SubscriberBook b, final long missing, final long requiredSeq, final long requiredBookSeq)
    {
        instrumentGaps++;
        lostBookMessages += missing;
        b.gaps++;
        b.lostMessages += missing;
        markStale(b, requiredSeq, requiredBookSeq);
    }

    private void define()
    {
        final int id = (int)definition.instrumentId();
        if (book(id) != null)
        {
            return;
        }
        final int venueOrdinal = definition.venueRaw();
        if (venueOrdinal >= Venue.values().length)
        {
            unknownTemplates++; // a venue this build does not know: ignore the instrument
            return;
        }
        final int n = definition.getSymbol(symbolScratch, 0);
        int len = 0;
        while (len < n && symbolScratch[len] != 0)
        {
            len++;
        }
        final SubscriberBook b = new SubscriberBook(id, Venue.fromOrdinal(venueOrdinal),
            new String(symbolScratch, 0, len, StandardCharsets.US_ASCII), definition.priceExponent(),
            definition.qtyExponent(), nowNs);
        // A new book needs a snapshot that reflects everything before the packets we hold.
        b.requiredSeq = Math.max(0, contiguousFromSeq - 1);
        if (id >= books.length)
        {
            books = java.util.Arrays.copyOf(books, Math.max(id + 1, books.length * 2));
        }
        books[id] = b;
        bookList.add(b);
    }

    private void markAllStale(final long requiredSeq)
    {
        for (int i = 0, n = bookList.size(); i < n; i++)
        {
            final SubscriberBook b = bookList.get(i);
            b.requiredSeq = Math.max(b.requiredSeq, requiredSeq);
            if (!b.stale)
            {
                goStale(b);
            }
        }
    }

    private void markStale(final SubscriberBook b, final long requiredSeq, final long requiredBookSeq)
    {
        b.requiredSeq = Math.max(b.requiredSeq, requiredSeq);
        b.requiredBookSeq = Math.max(b.requiredBookSeq, requiredBookSeq);
        if (replaying)
        {
            b.stale = true; // the recovery in progress fails; the book never went live, so no callback
        }
        else if (!b.stale)
        {
            goStale(b);
        }
    }

    private void goStale(final SubscriberBook b)
    {
        b.stale = true;
        b.staleSinceNs = nowNs;
        b.staleCount++;
        listener.onStale(b);
    }

    // ------------------------------------------------------------------ snapshot channel

    private void onSnapshotPacket(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seq = PacketHeader.sequence(buffer, offset);
        if (expectedSnapshotSeq != 0 && seq != expectedSnapshotSeq)
        {
            if (seq < expectedSnapshotSeq && seq != 1)
            {
                duplicates++;
                return;
            }
            snapshotGaps++;
            discardStaging();
        }
        expectedSnapshotSeq = seq + 1;
        final int count = PacketHeader.messageCount(buffer, offset);
        int pos = offset + PacketHeader.LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int frameLength = buffer.getShort(pos, LE) & 0xFFFF;
            final int msg = pos + WireProtocol.FRAME_LENGTH_SIZE;
            pos += frameLength;
            header.wrap(buffer, msg);
            final int body = msg + WireProtocol.MESSAGE_HEADER_LENGTH;
            switch (header.templateId())
            {
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    definition.wrap(buffer, body, header.blockLength(), header.version());
                    define();
                    break;
                case BookSnapshotDecoder.TEMPLATE_ID:
                    snapshot.wrap(buffer, body, header.blockLength(), header.version());
                    onSnapshotPart();
                    break;
                default:
                    break;
            }
        }
    }

    private void onSnapshotPart()
    {
        final int id = (int)snapshot.instrumentId();
        final int part = snapshot.part();
        if (part == 0)
        {
            if (stagingId >= 0)
            {
                discardStaging();
            }
            final SubscriberBook b = book(id);
            if (b == null || (!b.stale && !behind(b)))
            {
                return; // nothing to recover
            }
            staging.clear();
            stagingId = id;
            stagingNextPart = 0;
            stagingUpdateId = snapshot.updateId();
            stagingIncrementalSeq = snapshot.lastIncrementalSeq();
            stagingBookSeq = snapshot.bookSeq();
        }
        if (stagingId != id || part != stagingNextPart || snapshot.updateId() != stagingUpdateId ||
            snapshot.lastIncrementalSeq() != stagingIncrementalSeq || snapshot.bookSeq() != stagingBookSeq)
        {
            if (stagingId >= 0)
            {
                discardStaging();
            }
            return;
        }
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            staging.set(level.side() == com.tradingstation.wire.sbe.Side.BID ? Side.BID : Side.ASK, level.price(), level.qty());
        }
        stagingNextPart++;
        if (stagingNextPart == snapshot.partCount())
        {
            final SubscriberBook b = books[id];
            stagingId = -1;
            recover(b);
        }
    }

    /**
     * A live book the snapshot shows to have lost messages: every incremental packet the snapshot
     * reflects has been received or found lost, yet the book has not reached the snapshot's bookSeq.
     * The book goes stale and this snapshot recovers it.
     */
    private boolean behind(final SubscriberBook b)
    {
        final long bookSeq = snapshot.bookSeq();
        if (bookSeq == WireProtocol.NO_BOOK_SEQ || bookSeq <= b.bookSeq ||
            expectedIncrementalSeq == 0 || snapshot.lastIncrementalSeq() > expectedIncrementalSeq - 1)
        {
            return false;
        }
        gapsFoundBySnapshot++;
        instrumentGap(b, bookSeq - b.bookSeq, snapshot.lastIncrementalSeq(), bookSeq);
        return true;
    }

    private void discardStaging()
    {
        stagingId = -1;
        snapshotsDiscarded++;
    }

    private void recover(final SubscriberBook b)
    {
        final long s = stagingIncrementalSeq;
        final long lastReceived = expectedIncrementalSeq - 1;
        // With bookSeq the snapshot must reflect the instrument's last missing message, and the
        // replay checks the rest message by message; without it (version 1), the snapshot must be
        // newer than the last hole in the packet sequence.
        final boolean perInstrument = stagingBookSeq != WireProtocol.NO_BOOK_SEQ;
        final boolean recentEnough = perInstrument
            ? stagingBookSeq >= b.requiredBookSeq
            : s >= b.requiredSeq && s + 1 >= contiguousFromSeq;
        final long oldest = packetLog.oldestSequence();
        final boolean replayable = s >= lastReceived || (oldest != 0 && oldest <= s + 1);
        if (!b.stale || !recentEnough || !replayable)
        {
            snapshotsUnusable++;
            return;
        }
        staging.lastUpdateId(stagingUpdateId);
        final L2Book previous = b.book;
        b.book = staging;
        staging = previous;
        b.skipThroughSeq = s;
        if (perInstrument)
        {
            b.bookSeq = stagingBookSeq;
        }
        b.stale = false;
        if (s < lastReceived)
        {
            replayInstrument = b.instrumentId();
            replaying = true;
            try
            {
                packetLog.forEachAfter(s, replayVisitor);
            }
            finally
            {
                replaying = false;
            }
            b.skipThroughSeq = lastReceived;
        }
        if (b.stale)
        {
            // The replay found a hole in the instrument's bookSeq, or the station's book went stale
            // after the snapshot: the book stays stale for a later snapshot.
            snapshotsUnusable++;
            return;
        }
        b.staleNsTotal += nowNs - b.staleSinceNs;
        b.recoveries++;
        recoveries++;
        snapshotsApplied++;
        listener.onRecovered(b);
    }

    private void replayPacket(final DirectBuffer buffer, final int offset, final int length, final long seq)
    {
        applyIncremental(buffer, offset, seq, replayInstrument);
    }

    // ------------------------------------------------------------------ views and counters

    /**
     * @param instrumentId station instrument id.
     * @return its book, or null when no definition has arrived.
     */
    public SubscriberBook book(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    /** @return every known book, in order of definition. */
    public List<SubscriberBook> books()
    {
        return Collections.unmodifiableList(bookList);
    }

    /** @return books currently stale. */
    public int staleBooks()
    {
        int n = 0;
        for (int i = 0, size = bookList.size(); i < size; i++)
        {
            n += bookList.get(i).stale ? 1 : 0;
        }
        return n;
    }

    /**
     * @param channel {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @return packets accepted on it.
     */
    public long packets(final int channel)
    {
        return packets[channel];
    }

    /**
     * @param channel channel id.
     * @return messages in accepted packets.
     */
    public long messages(final int channel)
    {
        return messages[channel];
    }

    /**
     * @param channel channel id.
     * @return bytes of accepted packets.
     */
    public long bytes(final int channel)
    {
        return bytes[channel];
    }

    /**
     * @param reason why.
     * @return packets rejected for it.
     */
    public long rejected(final RejectReason reason)
    {
        return rejected[reason.ordinal()];
    }

    /** @return packets rejected for any reason. */
    public long rejectedTotal()
    {
        long n = 0;
        for (final long r : rejected)
        {
            n += r;
        }
        return n;
    }

    /** @return sequence of the last incremental packet accepted, 0 before the first. */
    public long lastIncrementalSequence()
    {
        return expectedIncrementalSeq == 0 ? 0 : expectedIncrementalSeq - 1;
    }

    /** @return holes in the incremental sequence. */
    public long gaps()
    {
        return gaps;
    }

    /** @return incremental packets never received. */
    public long lostPackets()
    {
        return lostPackets;
    }

    /** @return times the publisher started again (sequence back to 1): every book was dropped. */
    public long restarts()
    {
        return restarts;
    }

    /** @return packets with an old sequence number, ignored. */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return holes in the snapshot channel's sequence. */
    public long snapshotGaps()
    {
        return snapshotGaps;
    }

    /** @return snapshots that rebuilt a book. */
    public long snapshotsApplied()
    {
        return snapshotsApplied;
    }

    /**
     * @return complete snapshots that did not make their book live: too old, too far behind the
     * replay log, or the replay after them found another hole.
     */
    public long snapshotsUnusable()
    {
        return snapshotsUnusable;
    }

    /** @return snapshots abandoned part-way (a part was lost). */
    public long snapshotsDiscarded()
    {
        return snapshotsDiscarded;
    }

    /** @return books rebuilt. */
    public long recoveries()
    {
        return recoveries;
    }

    /** @return holes found in instruments' bookSeq, each of which made one book stale. */
    public long instrumentGaps()
    {
        return instrumentGaps;
    }

    /** @return book messages found missing in those holes (over all instruments). */
    public long lostBookMessages()
    {
        return lostBookMessages;
    }

    /** @return of {@link #instrumentGaps()}, those a repeated definition revealed (the instrument had gone quiet). */
    public long gapsFoundByDefinition()
    {
        return gapsFoundByDefinition;
    }

    /** @return of {@link #instrumentGaps()}, those a snapshot of a live book revealed. */
    public long gapsFoundBySnapshot()
    {
        return gapsFoundBySnapshot;
    }

    /** @return messages of templates this build does not know, skipped. */
    public long unknownTemplates()
    {
        return unknownTemplates;
    }

    /** @return messages for instruments not yet defined, skipped. */
    public long undefinedInstrument()
    {
        return undefinedInstrument;
    }

    /** @return TopOfBook messages compared with the rebuilt book. */
    public long topChecks()
    {
        return topChecks;
    }

    /** @return TopOfBook messages that disagreed with the rebuilt book (0 on a correct feed). */
    public long topMismatches()
    {
        return topMismatches;
    }

}
